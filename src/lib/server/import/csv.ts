import { LIMIT_WORDS, MAX_LINE_BYTES } from './limits';
import { ImportStop } from './problems';
import type { FileRecord } from './records';

const SPECIAL = /[",\r\n]/g;

/**
 * RFC 4180 records from decoded text, one chunk at a time: quoted fields may hold commas, quotes
 * (doubled) and newlines. Yields each record's fields, or a problem naming what is malformed.
 * `row` counts records, the header being record 0.
 */
export async function* csvRows(texts: AsyncIterable<string>): AsyncGenerator<{ row: number; cells: string[]; problem?: string }> {
	let cells: string[] = [];
	let cell = '';
	let quoted = false; // inside a quoted field
	let closed = false; // just after a quoted field's closing quote
	let started = false; // the record has any content
	let size = 0;
	let problem: string | undefined;
	let row = 0;

	const grow = (n: number) => {
		size += n;
		if (size > MAX_LINE_BYTES) throw new ImportStop(`row ${row}: the record is longer than the ${LIMIT_WORDS.line} limit`);
	};
	function* endRecord() {
		cells.push(cell);
		// A blank line is no record at all, and no row number.
		if (started) yield { row: row++, cells, problem };
		cells = [];
		cell = '';
		closed = false;
		started = false;
		size = 0;
		problem = undefined;
	}

	for await (const text of texts) {
		let i = 0;
		while (i < text.length) {
			if (quoted) {
				const q = text.indexOf('"', i);
				const end = q === -1 ? text.length : q;
				grow(end - i);
				cell += text.slice(i, end);
				i = end;
				if (q !== -1) {
					quoted = false;
					closed = true;
					i++;
				}
				continue;
			}
			const ch = text[i]!;
			if (closed && ch === '"') {
				// A doubled quote inside a quoted field.
				grow(1);
				cell += '"';
				quoted = true;
				closed = false;
				i++;
				continue;
			}
			if (ch === ',') {
				cells.push(cell);
				cell = '';
				closed = false;
				started = true;
				i++;
			} else if (ch === '\n') {
				yield* endRecord();
				i++;
			} else if (ch === '\r') {
				i++;
			} else if (ch === '"' && cell === '' && !closed) {
				quoted = true;
				started = true;
				i++;
			} else {
				SPECIAL.lastIndex = i;
				const next = SPECIAL.exec(text);
				const end = next ? next.index : text.length;
				const piece = text.slice(i, ch === '"' ? i + 1 : end);
				if (closed) problem ??= `row ${row}: unexpected text after a closing quote`;
				else if (ch === '"') problem ??= `row ${row}: a quote inside a field that does not start with one`;
				grow(piece.length);
				cell += piece;
				started = true;
				i += piece.length;
			}
		}
	}
	if (quoted) throw new ImportStop(`row ${row}: a quoted field is never closed (is the file cut short?)`);
	if (started || cell !== '') {
		started = true;
		yield* endRecord();
	}
}

async function* decoded(chunks: AsyncIterable<Uint8Array>, rowNow: () => number): AsyncGenerator<string> {
	const decoder = new TextDecoder('utf-8', { fatal: true });
	try {
		for await (const chunk of chunks) yield decoder.decode(chunk, { stream: true });
		yield decoder.decode();
	} catch (e) {
		if (e instanceof TypeError) throw new ImportStop(`row ${rowNow()}: is not valid UTF-8 text`);
		throw e;
	}
}

/** CSV rows keyed by the header's names; rows are numbered from 1 after the header. */
export async function* csvRecords(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<FileRecord> {
	let header: string[] | undefined;
	let lastRow = 0;
	for await (const { row, cells, problem } of csvRows(decoded(chunks, () => lastRow + 1))) {
		lastRow = row;
		// Whitespace-only lines are blank lines to a person, whatever RFC 4180 says.
		if (!problem && cells.every((c) => c.trim() === '')) continue;
		if (!header) {
			if (problem) throw new ImportStop(`the header: ${problem.replace(/^row 0: /, '')}`);
			header = cells.map((c) => c.trim().toLowerCase());
			const twice = header.find((name, i) => name !== '' && header!.indexOf(name) !== i);
			if (twice) throw new ImportStop(`the header names the column "${twice}" twice`);
			continue;
		}
		if (problem) {
			yield { row, problem };
		} else if (cells.length !== header.length) {
			yield { row, problem: `row ${row}: has ${cells.length} fields, the header has ${header.length}` };
		} else {
			const fields: Record<string, unknown> = {};
			header.forEach((name, i) => {
				if (name !== '') fields[name] = cells[i];
			});
			yield { row, fields };
		}
	}
}
