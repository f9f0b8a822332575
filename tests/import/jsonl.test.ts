import { describe, expect, it } from 'vitest';
import { readPairs } from '../../src/lib/server/import';
import { MAX_FIELD_CHARS, MAX_LINE_BYTES } from '../../src/lib/server/import/limits';
import { assistant, chosenFirst, chosenSecond, jsonl, streamOf, user } from './files';

const read = (content: string | Uint8Array, random = chosenFirst) => readPairs('jsonl', streamOf(content), { random });

describe('reading a JSONL file of pairs', () => {
	it('normalises plain text to one user turn and one assistant turn, and keeps models, id and metadata', async () => {
		const result = await read(
			jsonl({ prompt: 'Why?', response_a: 'Because.', response_b: 'No idea.', model_a: 'm1', model_b: 'm2', id: 7, metadata: { topic: 'x' } })
		);
		expect(result.pairs).toEqual([
			{
				file_row: 1,
				external_id: '7',
				prompt: [user('Why?')],
				response_a: [assistant('Because.')],
				response_b: [assistant('No idea.')],
				model_a: 'm1',
				model_b: 'm2',
				metadata: { topic: 'x' }
			}
		]);
	});

	it('keeps message lists as they are, with a system turn and earlier turns in the prompt', async () => {
		const prompt = [{ role: 'system', content: 'Be brief.' }, user('Hi'), assistant('Hello'), user('Why?')];
		const result = await read(jsonl({ prompt, response_a: [assistant('A')], response_b: [assistant('B1'), assistant('B2')] }));
		expect(result.pairs?.[0]).toMatchObject({ prompt, response_b: [assistant('B1'), assistant('B2')], model_a: null, external_id: null, metadata: {} });
	});

	it('imports arena rows and drops the winner', async () => {
		const result = await read(jsonl({ prompt: 'Q', response_a: 'A', response_b: 'B', model_a: 'x', model_b: 'y', winner: 'model_a' }));
		expect(result.pairs?.[0]).not.toHaveProperty('winner');
		expect(result.pairs?.[0]).toMatchObject({ model_a: 'x', model_b: 'y' });
	});

	it('imports TRL rows without saying which response was chosen: the side is random', async () => {
		const row = { prompt: 'Q', chosen: 'good', rejected: 'bad', chosen_model: 'cm', rejected_model: 'rm', score_chosen: 9 };
		const first = await read(jsonl(row), chosenFirst);
		const second = await read(jsonl(row), chosenSecond);
		expect(first.pairs?.[0]).toMatchObject({ response_a: [assistant('good')], response_b: [assistant('bad')], model_a: 'cm', model_b: 'rm' });
		expect(second.pairs?.[0]).toMatchObject({ response_a: [assistant('bad')], response_b: [assistant('good')], model_a: 'rm', model_b: 'cm' });
		expect(JSON.stringify(first.pairs)).not.toMatch(/chosen|rejected|score/);
	});

	it('sends the chosen response to either side about half the time with the default randomness', async () => {
		const rows = Array.from({ length: 400 }, (_, i) => ({ prompt: `Q${i}`, chosen: 'good', rejected: 'bad' }));
		const result = await readPairs('jsonl', streamOf(jsonl(...rows), 4096));
		const goodFirst = result.pairs!.filter((p) => p.response_a[0]!.content === 'good').length;
		expect(goodFirst).toBeGreaterThan(140);
		expect(goodFirst).toBeLessThan(260);
	});

	it('keeps only the trailing assistant turns of conversational TRL rows that repeat the prompt', async () => {
		const prompt = [user('Hi'), assistant('Hello'), user('Why?')];
		const result = await read(jsonl({ prompt, chosen: [...prompt, assistant('good')], rejected: [...prompt, assistant('bad')] }));
		expect(result.pairs?.[0]).toMatchObject({ prompt, response_a: [assistant('good')], response_b: [assistant('bad')] });
	});

	it('takes the prompt from the turns before the answer when a TRL row has no prompt', async () => {
		const prompt = [user('Why?')];
		const result = await read(jsonl({ chosen: [...prompt, assistant('good')], rejected: [...prompt, assistant('bad')] }));
		expect(result.pairs?.[0]).toMatchObject({ prompt, response_a: [assistant('good')] });
	});

	it('names each problem by row and field, lists them all, and keeps no pairs', async () => {
		const result = await read(
			jsonl(
				{ prompt: 'Q', response_a: 'A', response_b: 'B' },
				{ prompt: 'Q', response_a: 'A', response_b: '  ' },
				{ prompt: [user('Q'), assistant('A')], response_a: 'A', response_b: [user('B')] },
				{ prompt: 'Q', chosen: 'good' },
				{ prompt: 'Q', response_a: 'A', response_b: 'B', metadata: 'x', model_a: 3 },
				{ question: 'Q', answer: 'A' },
				[1, 2]
			)
		);
		expect(result.pairs).toBeUndefined();
		expect(result.problems).toEqual([
			'row 2: response_b is empty',
			'row 3: prompt must end with a user turn',
			'row 3: response_b must hold assistant turns only',
			'row 4: rejected is missing',
			'row 5: model_a must be text',
			'row 5: metadata must be a JSON object',
			'row 6: is not a pair: expected prompt with response_a and response_b, or prompt with chosen and rejected (found: question, answer)',
			"row 7: expected a JSON object with the pair's fields"
		]);
	});

	it('names a bad message inside a list', async () => {
		const result = await read(jsonl({ prompt: [user('Q'), { role: 'robot', content: 1 }], response_a: 'A', response_b: 'B' }));
		expect(result.problems).toEqual(['row 1: prompt[1].role must be system, user or assistant', 'row 1: prompt[1].content must be text']);
	});

	it('refuses a repeated id', async () => {
		const result = await read(jsonl({ id: 'a', prompt: 'Q', response_a: 'A', response_b: 'B' }, { id: 'a', prompt: 'Q2', response_a: 'A', response_b: 'B' }));
		expect(result.problems).toEqual(['row 2: id "a" is already used by row 1']);
	});

	it('lists 50 problems, then counts the rest', async () => {
		const rows = Array.from({ length: 80 }, () => ({ prompt: 'Q', response_a: '', response_b: 'B' }));
		const result = await read(jsonl(...rows));
		expect(result.problems).toHaveLength(51);
		expect(result.problems![49]).toBe('row 50: response_a is empty');
		expect(result.problems![50]).toBe('… and 30 more');
	});

	it('reports invalid JSON by row, and a cut-short last line as such', async () => {
		const good = JSON.stringify({ prompt: 'Q', response_a: 'A', response_b: 'B' });
		const result = await read(`${good}\n{"prompt": "Q",\n${good}\n{"prompt": "Q", "respo`);
		expect(result.problems).toHaveLength(2);
		expect(result.problems![0]).toMatch(/^row 2: invalid JSON: /);
		expect(result.problems![1]).toMatch(/^row 4: invalid JSON \(the last line: is the file cut short\?\): /);
	});

	it('accepts a last line without a newline, blank lines, CRLF and a byte order mark', async () => {
		const good = JSON.stringify({ prompt: 'Q', response_a: 'A', response_b: 'B' });
		const result = await read(`\uFEFF${good}\r\n\r\n${good.replace('Q', 'Q2')}`);
		expect(result.pairs?.map((p) => [p.file_row, p.prompt[0]!.content])).toEqual([
			[1, 'Q'],
			[3, 'Q2']
		]);
	});

	it('names the row that is not valid UTF-8, even split across chunks', async () => {
		const good = new TextEncoder().encode(jsonl({ prompt: 'é', response_a: 'A', response_b: 'B' }));
		const bad = new TextEncoder().encode('{"prompt": "\xff", "response_a": "A", "response_b": "B"}\n');
		const broken = bad.map((b, i) => (i === 13 ? 0xc3 : b)); // a lead byte with no continuation
		const bytes = new Uint8Array([...good, ...broken, ...good]);
		const result = await read(bytes);
		expect(result.problems).toEqual(['row 2: is not valid UTF-8 text']);
	});

	it('refuses an empty file and a file of blank lines', async () => {
		expect((await read('')).problems).toEqual(['the file is empty (0 bytes)']);
		expect((await read('\n\n  \n')).problems).toEqual(['the file has no pairs']);
	});

	it('refuses a field over the character limit, naming the field and the limit', async () => {
		const result = await read(jsonl({ prompt: 'Q', response_a: 'x'.repeat(MAX_FIELD_CHARS + 1), response_b: 'B' }));
		expect(result.problems).toEqual(['row 1: response_a is longer than the 50,000 characters limit']);
		const ok = await read(jsonl({ prompt: 'Q', response_a: 'x'.repeat(MAX_FIELD_CHARS), response_b: 'B' }));
		expect(ok.pairs).toHaveLength(1);
	});

	it('stops at a line over 1 MB without reading it whole', async () => {
		async function* huge() {
			yield new TextEncoder().encode(jsonl({ prompt: 'Q', response_a: 'A', response_b: 'B' }));
			// Never ends: only stopping at the limit finishes this test.
			for (;;) yield new Uint8Array(64 * 1024).fill(0x61);
		}
		const result = await readPairs('jsonl', huge());
		expect(result.problems).toEqual(['row 2: the line is longer than the 1 MB limit']);
		expect(MAX_LINE_BYTES).toBe(1024 * 1024);
	});

	it('reports progress in bytes read and rows parsed', async () => {
		const content = jsonl(...Array.from({ length: 20 }, (_, i) => ({ prompt: `Q${i}`, response_a: 'A', response_b: 'B' })));
		const seen: Array<{ bytesRead: number; rowsParsed: number }> = [];
		await readPairs('jsonl', streamOf(content, 100), { onProgress: (p) => seen.push(p) });
		expect(seen.length).toBeGreaterThan(5);
		expect(seen.at(-1)).toEqual({ bytesRead: new TextEncoder().encode(content).byteLength, rowsParsed: 20, finished: true });
		expect(seen.map((p) => p.bytesRead)).toEqual([...seen.map((p) => p.bytesRead)].sort((a, b) => a - b));
	});

	it('reads a ReadableStream too', async () => {
		const stream = new ReadableStream<Uint8Array>({
			start(c) {
				c.enqueue(new TextEncoder().encode(jsonl({ prompt: 'Q', response_a: 'A', response_b: 'B' })));
				c.close();
			}
		});
		expect((await readPairs('jsonl', stream)).pairs).toHaveLength(1);
	});
});
