import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPairs } from '../../src/lib/server/import';
import { assistant, chosenFirst, streamOf, user } from './files';
import { parquetFile, parquetMessagesFile } from './parquet-files';

const read = (bytes: Uint8Array) => readPairs('parquet', streamOf(bytes, 4096), { random: chosenFirst });
const spooledFiles = async () => (await readdir(tmpdir())).filter((n) => n.startsWith('pair-import-'));

describe('reading a Parquet file of pairs', () => {
	it('reads text columns with models, an id and JSON metadata, rows numbered from 1', async () => {
		const file = parquetFile([
			{ name: 'id', data: [10n, 11n], type: 'INT64' },
			{ name: 'prompt', data: ['Why?', 'How?'], type: 'STRING' },
			{ name: 'response_a', data: ['Because.', 'Thus.'], type: 'STRING' },
			{ name: 'response_b', data: ['No idea.', 'Somehow.'], type: 'STRING' },
			{ name: 'model_a', data: ['m1', null], type: 'STRING' },
			{ name: 'model_b', data: ['m2', null], type: 'STRING' },
			{ name: 'metadata', data: ['{"topic":"x"}', null], type: 'STRING' }
		]);
		const result = await read(file);
		expect(result.problems).toBeUndefined();
		expect(result.pairs).toEqual([
			{
				file_row: 1,
				external_id: '10',
				prompt: [user('Why?')],
				response_a: [assistant('Because.')],
				response_b: [assistant('No idea.')],
				model_a: 'm1',
				model_b: 'm2',
				metadata: { topic: 'x' }
			},
			{ file_row: 2, external_id: '11', prompt: [user('How?')], response_a: [assistant('Thus.')], response_b: [assistant('Somehow.')], model_a: null, model_b: null, metadata: {} }
		]);
	});

	it('reads TRL conversations stored as list<struct<role, content>>, dropping which was chosen', async () => {
		const file = parquetMessagesFile([
			{ name: 'prompt', data: [[user('Hi?')]] },
			{ name: 'chosen', data: [[assistant('Hello!')]] },
			{ name: 'rejected', data: [[assistant('Go away.')]] }
		]);
		const result = await read(file);
		expect(result.pairs?.[0]).toMatchObject({ prompt: [user('Hi?')], response_a: [assistant('Hello!')], response_b: [assistant('Go away.')] });
	});

	it('reads messages in a JSON column and metadata as a JSON object', async () => {
		const file = parquetFile([
			{ name: 'prompt', data: [[user('Q')]], type: 'JSON' },
			{ name: 'response_a', data: [[assistant('A')]], type: 'JSON' },
			{ name: 'response_b', data: ['B'], type: 'STRING' },
			{ name: 'metadata', data: [{ k: 1 }], type: 'JSON' }
		]);
		expect((await read(file)).pairs?.[0]).toMatchObject({ prompt: [user('Q')], response_a: [assistant('A')], metadata: { k: 1 } });
	});

	it('reads every row group, and names bad rows in later groups by their row in the file', async () => {
		const n = 25;
		const prompts = Array.from({ length: n }, (_, i) => `Q${i + 1}`);
		const b = prompts.map((_, i) => (i === 21 ? '   ' : `B${i + 1}`));
		const file = parquetFile(
			[
				{ name: 'prompt', data: prompts, type: 'STRING' },
				{ name: 'response_a', data: prompts.map((_, i) => `A${i + 1}`), type: 'STRING' },
				{ name: 'response_b', data: b, type: 'STRING' }
			],
			10
		);
		expect(await read(file)).toEqual({ problems: ['row 22: response_b is empty'] });
		b[21] = 'B22';
		const good = parquetFile(
			[
				{ name: 'prompt', data: prompts, type: 'STRING' },
				{ name: 'response_a', data: prompts.map((_, i) => `A${i + 1}`), type: 'STRING' },
				{ name: 'response_b', data: b, type: 'STRING' }
			],
			10
		);
		const pairs = (await read(good)).pairs!;
		expect(pairs.map((p) => p.file_row)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
	});

	it('names missing fields and wrong value types by row and field', async () => {
		const file = parquetFile([
			{ name: 'prompt', data: ['Q1', null], type: 'STRING' },
			{ name: 'response_a', data: ['A1', 'A2'], type: 'STRING' },
			{ name: 'response_b', data: ['B1', 'B2'], type: 'STRING' },
			{ name: 'metadata', data: ['[1,2]', 'not json'], type: 'STRING' }
		]);
		expect((await read(file)).problems).toEqual(['row 1: metadata must be a JSON object', 'row 2: metadata is not valid JSON']);
		const missing = parquetFile([
			{ name: 'prompt', data: ['Q1', null], type: 'STRING' },
			{ name: 'response_a', data: ['A1', 'A2'], type: 'STRING' },
			{ name: 'response_b', data: ['B1', 'B2'], type: 'STRING' }
		]);
		expect((await read(missing)).problems).toEqual(['row 2: prompt is missing']);
	});

	it('refuses a turn column of numbers once, for the whole file', async () => {
		const file = parquetFile([
			{ name: 'prompt', data: ['Q1'], type: 'STRING' },
			{ name: 'response_a', data: [1], type: 'INT32' },
			{ name: 'response_b', data: ['B1'], type: 'STRING' }
		]);
		expect((await read(file)).problems).toEqual(['the column response_a holds INT32 values; expected text or a list of {role, content} messages']);
	});

	it('refuses a cut-short file, a file of another format and an empty file, and leaves no temporary file', async () => {
		const before = await spooledFiles();
		const whole = parquetFile([
			{ name: 'prompt', data: ['Q1'], type: 'STRING' },
			{ name: 'response_a', data: ['A1'], type: 'STRING' },
			{ name: 'response_b', data: ['B1'], type: 'STRING' }
		]);
		for (const bytes of [whole.slice(0, whole.byteLength - 9), whole.slice(0, 40), new TextEncoder().encode('{"prompt":"x"}\n')]) {
			const result = await read(bytes);
			expect(result.problems).toHaveLength(1);
			expect(result.problems![0]).toMatch(/^the file is not a readable Parquet file/);
		}
		// The footer survives, a column chunk does not: the data pages are cut out of the middle.
		const gutted = new Uint8Array(whole);
		gutted.fill(0xff, 4, Math.min(40, whole.byteLength - 12));
		const result = await read(gutted);
		expect(result.pairs).toBeUndefined();
		expect(result.problems).toHaveLength(1);
		expect(await read(new Uint8Array())).toEqual({ problems: ['the file is empty (0 bytes)'] });
		expect(await spooledFiles()).toEqual(before);
	});

	it('reads zstd and gzip Parquet as other tools write it (DuckDB here), messages and all', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'pc-duck-'));
		const connection = await (await DuckDBInstance.create(':memory:')).connect();
		try {
			for (const codec of ['zstd', 'gzip']) {
				const path = join(dir, `${codec}.parquet`);
				await connection.run(
					`copy (select [{'role': 'user', 'content': 'Q' || i}] as prompt, 'A' || i as response_a, 'B' || i as response_b
					       from range(1, 4) t(i))
					 to '${path}' (format parquet, compression ${codec})`
				);
				const result = await read(new Uint8Array(await readFile(path)));
				expect(result.problems, codec).toBeUndefined();
				expect(result.pairs!.map((p) => [p.prompt, p.response_a]), codec).toEqual([1, 2, 3].map((i) => [[user(`Q${i}`)], [assistant(`A${i}`)]]));
			}
		} finally {
			connection.closeSync();
			await rm(dir, { recursive: true, force: true });
		}
	});
});
