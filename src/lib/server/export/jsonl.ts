import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Column } from './columns';

/** Where an export's pages go, one file per writer. */
export interface RowWriter<R> {
	write(rows: R[]): Promise<void>;
	close(): Promise<void>;
}

/** The JSON value of a cell: dates as ISO 8601 strings, everything else as it is. */
const jsonValue = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

/** One JSON object a line, with the shape's keys in its column order. */
export function jsonlWriter<R>(path: string, columns: Column<R>[]): RowWriter<R> {
	const out = createWriteStream(path);
	const failed = once(out, 'error').then(([e]) => Promise.reject(e as Error));
	failed.catch(() => {});
	return {
		async write(rows) {
			let chunk = '';
			for (const row of rows) {
				const record: Record<string, unknown> = {};
				for (const c of columns) record[c.name] = jsonValue(c.value(row));
				chunk += JSON.stringify(record) + '\n';
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
