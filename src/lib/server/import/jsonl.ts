import { LIMIT_WORDS, MAX_LINE_BYTES } from './limits';
import { ImportStop } from './problems';
import type { FileRecord } from './records';

const NEWLINE = 0x0a;

function join(parts: Uint8Array[], length: number): Uint8Array {
	if (parts.length === 1) return parts[0]!;
	const out = new Uint8Array(length);
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.byteLength;
	}
	return out;
}

/**
 * Splits bytes into lines without decoding the whole file: a newline byte never occurs inside a
 * multi-byte UTF-8 character, so each line can be decoded alone and a bad byte named by its row.
 */
async function* lines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<{ row: number; bytes: Uint8Array; last: boolean }> {
	let parts: Uint8Array[] = [];
	let length = 0;
	let row = 1;
	const tooLong = () => new ImportStop(`row ${row}: the line is longer than the ${LIMIT_WORDS.line} limit`);
	for await (const chunk of chunks) {
		let start = 0;
		for (let nl = chunk.indexOf(NEWLINE); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
			const piece = chunk.subarray(start, nl);
			if (length + piece.byteLength > MAX_LINE_BYTES) throw tooLong();
			parts.push(piece);
			yield { row, bytes: join(parts, length + piece.byteLength), last: false };
			parts = [];
			length = 0;
			row++;
			start = nl + 1;
		}
		const rest = chunk.subarray(start);
		if (length + rest.byteLength > MAX_LINE_BYTES) throw tooLong();
		if (rest.byteLength > 0) {
			// Copied: the source may reuse its buffer for the next chunk.
			parts.push(rest.slice());
			length += rest.byteLength;
		}
	}
	if (length > 0) yield { row, bytes: join(parts, length), last: true };
}

/** JSONL rows, one JSON object per line; blank lines are skipped but still counted as rows. */
export async function* jsonlRecords(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<FileRecord> {
	const decoder = new TextDecoder('utf-8', { fatal: true });
	for await (const { row, bytes, last } of lines(chunks)) {
		let text: string;
		try {
			text = decoder.decode(bytes);
		} catch {
			yield { row, problem: `row ${row}: is not valid UTF-8 text` };
			continue;
		}
		if (text.trim() === '') continue;
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch (e) {
			const hint = last ? ' (the last line: is the file cut short?)' : '';
			yield { row, problem: `row ${row}: invalid JSON${hint}: ${(e as Error).message}` };
			continue;
		}
		if (value === null || typeof value !== 'object' || Array.isArray(value)) {
			yield { row, problem: `row ${row}: expected a JSON object with the pair's fields` };
			continue;
		}
		yield { row, fields: value as Record<string, unknown> };
	}
}
