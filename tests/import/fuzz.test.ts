import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDriver } from '../../src/lib/server/db/driver';
import type { Member } from '../../src/lib/server/db/port';
import { sqlPort } from '../../src/lib/server/db/sql-adapter';
import { importPairs, readPairs, type ImportFormat } from '../../src/lib/server/import';
import { MAX_LINE_BYTES } from '../../src/lib/server/import/limits';
import { backends } from '../support/backends';
import { createUser } from '../support/users';
import { assistant, chosenFirst, streamOf } from './files';
import { parquetFile } from './parquet-files';

/** Every problem names its row, or the file as a whole; the last may count the ones left out. */
const NAMED = /^(row \d+: |the file |the header|the column |… and \d)/;
const FORMATS: ImportFormat[] = ['jsonl', 'csv', 'parquet'];

function expectNamed(result: Awaited<ReturnType<typeof readPairs>>) {
	if (result.problems) {
		expect(result.problems.length).toBeGreaterThan(0);
		for (const p of result.problems) expect(p).toMatch(NAMED);
	} else {
		expect(result.pairs.length).toBeGreaterThan(0);
	}
}

// A damaged Parquet file may make the decoder loop: the short limit turns that into a named problem.
const read = (format: ImportFormat, bytes: Uint8Array, chunk = 97) =>
	readPairs(format, streamOf(bytes, chunk), { random: chosenFirst, parquetReader: { seconds: 5 } });

/** Values a field might hold in a careless or hostile file. */
const anyValue = fc.oneof(
	fc.string(),
	fc.constant(''),
	fc.constant('   '),
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
	fc.array(fc.string(), { maxLength: 3 }),
	fc.array(fc.record({ role: fc.constantFrom('user', 'assistant', 'system', 'robot', 7), content: fc.oneof(fc.string(), fc.integer()) }), { maxLength: 3 }),
	fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 })
);
const FIELDS = ['prompt', 'response_a', 'response_b', 'chosen', 'rejected', 'model_a', 'model_b', 'id', 'metadata', 'extra'];
/** Rows with any subset of the fields, each any value: wrong types and missing fields. */
const row = fc.oneof(
	fc.record({ prompt: fc.string({ minLength: 1 }), response_a: fc.string({ minLength: 1 }), response_b: fc.string({ minLength: 1 }) }),
	fc.record(Object.fromEntries(FIELDS.map((f) => [f, anyValue])), { requiredKeys: [] })
);

/** A file's bytes with a few bytes that are never valid UTF-8 put in at random places. */
const withBadBytes = (bytes: Uint8Array, at: number[]) => {
	const out = Array.from(bytes);
	for (const i of at) out.splice(i % (out.length + 1), 0, 0xff);
	return new Uint8Array(out);
};

const cell = (v: unknown) => {
	const s = typeof v === 'string' ? v : JSON.stringify(v) ?? '';
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csvOf = (rows: Record<string, unknown>[]) =>
	[FIELDS.join(','), ...rows.map((r) => FIELDS.map((f) => (r[f] === undefined ? '' : cell(r[f]))).join(','))].join('\n') + '\n';
const jsonlOf = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

const goodParquet = parquetFile([
	{ name: 'prompt', data: ['Q1', 'Q2', 'Q3'], type: 'STRING' },
	{ name: 'response_a', data: [[assistant('A1')], [assistant('A2')], [assistant('A3')]], type: 'JSON' },
	{ name: 'response_b', data: ['B1', 'B2', 'B3'], type: 'STRING' },
	{ name: 'id', data: [1n, 2n, 3n], type: 'INT64' }
]);

describe('fuzzed and malformed files get problems naming a row or the file, never an unexpected error', () => {
	it('random bytes, in every format', async () => {
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...FORMATS), fc.uint8Array({ maxLength: 2048 }), fc.integer({ min: 1, max: 300 }), async (format, bytes, chunk) => {
				expectNamed(await read(format, bytes, chunk));
			}),
			{ numRuns: 150 }
		);
	});

	it('rows with wrong types and missing fields, broken UTF-8, cut short, as JSONL and CSV', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('jsonl', 'csv') as fc.Arbitrary<'jsonl' | 'csv'>,
				fc.array(row, { minLength: 1, maxLength: 8 }),
				fc.array(fc.nat(), { maxLength: 2 }),
				fc.option(fc.nat(), { nil: undefined }),
				async (format, rows, badBytes, cutAt) => {
					let bytes = new TextEncoder().encode(format === 'csv' ? csvOf(rows as Record<string, unknown>[]) : jsonlOf(rows));
					bytes = withBadBytes(bytes, badBytes);
					if (cutAt !== undefined) bytes = bytes.slice(0, cutAt % (bytes.byteLength + 1));
					expectNamed(await read(format, bytes));
				}
			),
			{ numRuns: 200 }
		);
	});

	it('Parquet cut short anywhere, or with bytes overwritten anywhere', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.nat({ max: goodParquet.byteLength }),
				fc.array(fc.tuple(fc.nat({ max: goodParquet.byteLength - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
				async (cutAt, writes) => {
					const bytes = goodParquet.slice(0, cutAt === 0 ? goodParquet.byteLength : cutAt);
					for (const [at, value] of writes) if (at < bytes.byteLength) bytes[at] = value;
					expectNamed(await read('parquet', bytes));
				}
			),
			{ numRuns: 200 }
		);
	});

	it('Parquet with a column chunk that names no column, after a damaged page: one problem, no stray failure', async () => {
		const bytes = goodParquet.slice();
		const text = Buffer.from(bytes).toString('latin1');
		// The last "response_b" is the column chunk's path, after the schema's.
		bytes[text.lastIndexOf('response_b')] = 'x'.charCodeAt(0);
		bytes[9] = 0xff;
		expect(await read('parquet', bytes)).toEqual({
			problems: ['the file is not a readable Parquet file (is it cut short, or another format?): a column chunk names no column of the schema (xesponse_b)']
		});
	});

	it('Parquet that sends the decoder into an endless loop is stopped at the time limit', async () => {
		// Byte 20 is in the first page header: it makes the definition levels' length negative,
		// and hyparquet's level decoder then never ends.
		const bytes = goodParquet.slice();
		bytes[20] = 0xff;
		expect(await read('parquet', bytes)).toEqual({
			problems: ['the file is not a readable Parquet file (is it cut short, or another format?): reading part of it took longer than 5 s']
		});
	});

	it('Parquet that decodes to more than the reader’s memory is stopped at the limit', async () => {
		// 40 MB of text that compresses to almost nothing.
		const bytes = parquetFile([
			{ name: 'prompt', data: Array.from({ length: 1000 }, (_, i) => `${i}`.padEnd(40_000, 'x')), type: 'STRING' },
			{ name: 'response_a', data: Array.from({ length: 1000 }, () => 'A'), type: 'STRING' },
			{ name: 'response_b', data: Array.from({ length: 1000 }, () => 'B'), type: 'STRING' }
		]);
		expect(bytes.byteLength).toBeLessThan(4 * 1024 * 1024);
		const result = await readPairs('parquet', streamOf(bytes, 64 * 1024), { random: chosenFirst, parquetReader: { heapMegabytes: 16 } });
		expect(result).toEqual({
			problems: ['the file is not a readable Parquet file (is it cut short, or another format?): reading it needs more than 16 MB of memory']
		});
	});

	it('a 0-byte file and a huge line, in every format', async () => {
		for (const format of FORMATS) {
			expect(await read(format, new Uint8Array())).toEqual({ problems: ['the file is empty (0 bytes)'] });
		}
		const huge = new TextEncoder().encode(jsonlOf([{ prompt: 'Q', response_a: 'A', response_b: 'B' }, { prompt: 'x'.repeat(MAX_LINE_BYTES), response_a: 'A', response_b: 'B' }]));
		expect(await read('jsonl', huge, 64 * 1024)).toEqual({ problems: ['row 2: the line is longer than the 1 MB limit'] });
		const hugeCsv = new TextEncoder().encode(`prompt,response_a,response_b\nQ,A,B\n"${'x'.repeat(MAX_LINE_BYTES)}",A,B\n`);
		expect((await read('csv', hugeCsv, 64 * 1024)).problems).toEqual(['row 2: the record is longer than the 1 MB limit']);
		expectNamed(await read('jsonl', new TextEncoder().encode('\n'.repeat(10_000))));
	});
});

for (const backend of backends) {
	describe.skipIf(backend.skip)(`a fuzzed import leaves the dataset unchanged when it has problems, on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
		let driver: SqlDriver;
		let dispose: () => Promise<void>;
		let ann: Member;
		const pairsNow = async () =>
			(await driver.query<{ n: string }>(`select count(*)::text as n from pairs p join datasets d on d.id = p.dataset_id where d.slug = 'fuzz'`))[0]!.n;

		beforeAll(async () => {
			({ driver, dispose } = await backend.fresh());
			ann = await createUser(driver, 'ann');
			await sqlPort(driver).rpc('create_dataset', { slug: 'fuzz', title: 'Fuzz' }, ann);
		});
		afterAll(() => dispose?.());

		it('imports a clean file, and nothing at all of a file with any problem', async () => {
			let n = 0;
			const outcomes = new Set<string>();
			await fc.assert(
				fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 5 }), fc.boolean(), async (rows, breakOne) => {
					// Unique text per run, so a clean file adds pairs rather than only duplicates.
					n++;
					const file = rows.map((r, i) => (typeof r.prompt === 'string' && !breakOne ? { ...r, prompt: `${r.prompt} #${n}.${i}` } : r));
					const before = await pairsNow();
					const result = await importPairs(sqlPort(driver), ann, 'fuzz', 'jsonl', streamOf(jsonlOf(file), 64), undefined, { random: chosenFirst });
					outcomes.add(result.problems ? 'problems' : 'imported');
					if (result.problems) {
						for (const p of result.problems) expect(p).toMatch(NAMED);
						expect(await pairsNow()).toBe(before);
					} else {
						expect(Number(await pairsNow())).toBe(Number(before) + result.imported);
					}
				}),
				{ numRuns: 40 }
			);
			expect(outcomes.has('imported') && outcomes.has('problems'), 'both kinds of file were tried').toBe(true);
		});
	});
}
