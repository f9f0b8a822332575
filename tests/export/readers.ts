import { DuckDBInstance } from '@duckdb/node-api';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { readFile } from 'node:fs/promises';
import type { Column } from '../../src/lib/server/export/columns';

/** A cell as plain JSON-comparable data, whichever reader produced it. */
function normal(kind: Column<unknown>['kind'], v: unknown): unknown {
	if (v === null || v === undefined) return null;
	switch (kind) {
		case 'messages':
			return (v as { role: string; content: string }[]).map((m) => ({ role: m.role, content: m.content }));
		case 'text':
			return v;
		case 'timestamp':
			return new Date(v as string | Date).getTime();
		default:
			return Number(v);
	}
}

export const normalRows = (columns: Column<unknown>[], rows: Record<string, unknown>[]) =>
	rows.map((row) => Object.fromEntries(columns.map((c) => [c.name, normal(c.kind, row[c.name])])));

export async function readJsonl(path: string): Promise<Record<string, unknown>[]> {
	const text = await readFile(path, 'utf8');
	return text
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => JSON.parse(line) as Record<string, unknown>);
}

export async function readWithHyparquet(path: string) {
	const file = await asyncBufferFromFile(path);
	const metadata = await parquetMetadataAsync(file);
	const rows = (await parquetReadObjects({ file, compressors })) as Record<string, unknown>[];
	const footer = Object.fromEntries((metadata.key_value_metadata ?? []).map((kv) => [kv.key, kv.value ?? '']));
	const codecs = new Set(metadata.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec)));
	return { rows, footer, rowGroups: metadata.row_groups.length, codecs, schema: metadata.schema };
}

let duck: Promise<DuckDBInstance> | undefined;

export async function readWithDuckdb(path: string) {
	duck ??= DuckDBInstance.create(':memory:');
	const connection = await (await duck).connect();
	try {
		const literal = `'${path.replaceAll("'", "''")}'`;
		const rows = (await (await connection.runAndReadAll(`select * from read_parquet(${literal})`)).getRowObjectsJS()) as Record<string, unknown>[];
		const kv = (await (
			await connection.runAndReadAll(`select decode(key) as key, decode(value) as value from parquet_kv_metadata(${literal})`)
		).getRowObjectsJS()) as { key: string; value: string }[];
		const types = (await (
			await connection.runAndReadAll(`select column_name, column_type from (describe select * from read_parquet(${literal}))`)
		).getRowObjectsJS()) as { column_name: string; column_type: string }[];
		return {
			rows,
			footer: Object.fromEntries(kv.map((r) => [r.key, r.value])),
			types: Object.fromEntries(types.map((t) => [t.column_name, t.column_type]))
		};
	} finally {
		connection.closeSync();
	}
}
