import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Column } from './columns';

/** Where an export's pages go, one file per writer. */
export interface RowWriter<R> {
	write(rows: R[]): Promise<void>;
	close(): Promise<void>;
}

/** A cell as JSON: dates as ISO 8601 strings, everything else as it is. */
const cellJson = (v: unknown) => JSON.stringify(v instanceof Date ? v.toISOString() : v);

/**
 * Each row's line, its keys in the columns' order. A pair's messages are the same objects on each
 * of its votes (rows.ts), so a cell identical to the one above it (a value is never undefined)
 * reuses that cell's JSON: ten votes of a pair stringify its texts once.
 */
function lineEncoder<R>(columns: Column<R>[]) {
	const keys = columns.map((c, i) => (i === 0 ? '{' : ',') + JSON.stringify(c.name) + ':');
	const above: unknown[] = columns.map(() => undefined);
	const aboveJson: string[] = columns.map(() => '');
	return (row: R): string => {
		let line = '';
		for (let i = 0; i < columns.length; i++) {
			const v = columns[i]!.value(row);
			if (v !== above[i]) {
				above[i] = v;
				aboveJson[i] = cellJson(v);
			}
			line += keys[i]! + aboveJson[i]!;
		}
		return line + '}\n';
	};
}

/** One JSON object a line, with the shape's keys in its column order. */
export function jsonlWriter<R>(path: string, columns: Column<R>[]): RowWriter<R> {
	const out = createWriteStream(path);
	const failed = once(out, 'error').then(([e]) => Promise.reject(e as Error));
	failed.catch(() => {});
	const line = lineEncoder(columns);
	return {
		async write(rows) {
			let chunk = '';
			for (const row of rows) {
				chunk += line(row);
				// About a megabyte at a time: a page's text held at once would be tens of MB.
				if (chunk.length >= 1 << 20) {
					if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
					chunk = '';
				}
			}
			if (chunk !== '' && !out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
		},
		async close() {
			out.end();
			await Promise.race([once(out, 'finish'), failed]);
		}
	};
}
