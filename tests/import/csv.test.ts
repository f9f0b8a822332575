import { describe, expect, it } from 'vitest';
import { readPairs } from '../../src/lib/server/import';
import { assistant, chosenFirst, chosenSecond, streamOf, user } from './files';

const read = (content: string | Uint8Array, random = chosenFirst, size = 5) => readPairs('csv', streamOf(content, size), { random });

describe('reading a CSV file of pairs', () => {
	it('reads quoted fields with commas, doubled quotes and newlines, across chunks', async () => {
		const csv = 'prompt,response_a,response_b,model_a,model_b,id,metadata\r\n' +
			'"Hello, you","He said ""hi""","line one\nline two",m1,m2,p1,"{""topic"":""greeting""}"\r\n' +
			'Plain,A,B,,,,\r\n';
		const result = await read(csv);
		expect(result.pairs).toEqual([
			{
				file_row: 1,
				external_id: 'p1',
				prompt: [user('Hello, you')],
				response_a: [assistant('He said "hi"')],
				response_b: [assistant('line one\nline two')],
				model_a: 'm1',
				model_b: 'm2',
				metadata: { topic: 'greeting' }
			},
			{ file_row: 2, external_id: null, prompt: [user('Plain')], response_a: [assistant('A')], response_b: [assistant('B')], model_a: null, model_b: null, metadata: {} }
		]);
	});

	it('numbers rows by record after the header, not by line', async () => {
		const csv = 'prompt,response_a,response_b\n"multi\nline\nprompt",A,B\nQ,A,\n';
		expect((await read(csv)).problems).toEqual(['row 2: response_b is empty']);
	});

	it('reads TRL columns, dropping which was chosen, and JSON message lists in cells', async () => {
		const conversation = JSON.stringify([user('Q'), assistant('good')]).replaceAll('"', '""');
		const csv = `prompt,chosen,rejected\nQ,"${conversation}",bad\n`;
		const a = await read(csv, chosenFirst);
		const b = await read(csv, chosenSecond);
		expect(a.pairs?.[0]).toMatchObject({ prompt: [user('Q')], response_a: [assistant('good')], response_b: [assistant('bad')] });
		expect(b.pairs?.[0]).toMatchObject({ response_a: [assistant('bad')], response_b: [assistant('good')] });
	});

	it('keeps text that only looks like JSON as text', async () => {
		const result = await read('prompt,response_a,response_b\n[1] what?,"[not json",B\n');
		expect(result.pairs?.[0]).toMatchObject({ prompt: [user('[1] what?')], response_a: [assistant('[not json')] });
	});

	it('names malformed records, bad metadata and an unknown header', async () => {
		const csv = 'prompt,response_a,response_b,metadata\nQ,A\nQ,A,B,{oops\nQ,"A"x,B,\nQ,A,B,[1]\n';
		expect((await read(csv)).problems).toEqual([
			'row 1: has 2 fields, the header has 4',
			'row 2: metadata is not valid JSON',
			'row 3: unexpected text after a closing quote',
			'row 4: metadata must be a JSON object'
		]);
		expect((await read('question,answer\nQ,A\n')).problems).toEqual([
			'row 1: is not a pair: expected prompt with response_a and response_b, or prompt with chosen and rejected (found: question, answer)'
		]);
	});

	it('says so when a quoted field never closes, as in a cut-short file', async () => {
		expect((await read('prompt,response_a,response_b\nQ,A,"B and then\n')).problems).toEqual([
			'row 1: a quoted field is never closed (is the file cut short?)'
		]);
	});

	it('accepts a last record without a newline and a header with a byte order mark', async () => {
		const result = await read('\uFEFFPrompt,Response_A,Response_B\nQ,A,B');
		expect(result.pairs).toHaveLength(1);
	});

	it('refuses bytes that are not UTF-8, naming the row', async () => {
		const bytes = new Uint8Array([...new TextEncoder().encode('prompt,response_a,response_b\nQ,A,B\nQ'), 0xff, ...new TextEncoder().encode(',A,B\n')]);
		expect((await read(bytes)).problems).toEqual(['row 2: is not valid UTF-8 text']);
	});

	it('refuses an empty file, and a header with no rows', async () => {
		expect((await read('')).problems).toEqual(['the file is empty (0 bytes)']);
		expect((await read('prompt,response_a,response_b\n')).problems).toEqual(['the file has no pairs']);
	});

	it('stops at a record over 1 MB', async () => {
		const csv = `prompt,response_a,response_b\nQ,A,B\nQ,"${'x'.repeat(1024 * 1024)}",B\n`;
		expect((await read(csv, chosenFirst, 64 * 1024)).problems).toEqual(['row 2: the record is longer than the 1 MB limit']);
	});
});
