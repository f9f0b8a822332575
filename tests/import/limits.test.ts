import { describe, expect, it } from 'vitest';
import { readPairs } from '../../src/lib/server/import';
import { MAX_FILE_BYTES, MAX_ROWS } from '../../src/lib/server/import/limits';

describe('the limits of one import', () => {
	it('stops past 200,000 rows, naming the limit', async () => {
		expect(MAX_ROWS).toBe(200_000);
		const row = new TextEncoder().encode('{"prompt":"Q","response_a":"A","response_b":"B"}\n');
		async function* rows() {
			for (let i = 0; i < MAX_ROWS + 1; i++) yield row;
		}
		const result = await readPairs('jsonl', rows());
		expect(result.problems).toEqual(['the file has more than the 200,000 rows limit']);
	});

	it('stops past 50 MB, naming the limit, without reading the rest', async () => {
		expect(MAX_FILE_BYTES).toBe(50 * 1024 * 1024);
		// Blank half-megabyte lines: nothing but the size limit can go wrong with them.
		const line = new Uint8Array(512 * 1024).fill(0x20);
		line[line.length - 1] = 0x0a;
		let sent = 0;
		async function* blanks() {
			for (;;) {
				sent += line.byteLength;
				yield line;
			}
		}
		const result = await readPairs('csv', blanks());
		expect(result.problems).toEqual(['the file is larger than the 50 MB limit']);
		expect(sent).toBe(MAX_FILE_BYTES + line.byteLength);
	});

	it('accepts a file of exactly 50 MB', async () => {
		const line = new Uint8Array(512 * 1024).fill(0x20);
		line[line.length - 1] = 0x0a;
		async function* blanks() {
			for (let sent = 0; sent < MAX_FILE_BYTES; sent += line.byteLength) yield line;
		}
		expect((await readPairs('jsonl', blanks())).problems).toEqual(['the file has no pairs']);
	});
});
