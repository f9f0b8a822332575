import type { SchemaElement } from 'hyparquet';
import { fileWriter, ParquetWriter } from 'hyparquet-writer';
import type { Column } from '../src/lib/server/export/columns';

/**
 * The same columns written with hyparquet-writer instead of parquet-wasm, for the writer
 * comparison only: the export itself goes through apache-arrow and parquet-wasm.
 */
function schemaOf<R>(columns: Column<R>[]): SchemaElement[] {
	const utf8 = (name: string, nullable = false): SchemaElement => ({
		name,
		type: 'BYTE_ARRAY',
		converted_type: 'UTF8',
		repetition_type: nullable ? 'OPTIONAL' : 'REQUIRED'
	});
	const schema: SchemaElement[] = [{ name: 'root', num_children: columns.length }];
	for (const c of columns) {
		const repetition_type = c.nullable ? 'OPTIONAL' : 'REQUIRED';
		switch (c.kind) {
			case 'messages':
				schema.push(
					{ name: c.name, repetition_type, num_children: 1, converted_type: 'LIST' },
					{ name: 'list', repetition_type: 'REPEATED', num_children: 1 },
					{ name: 'element', repetition_type: 'REQUIRED', num_children: 2 },
					utf8('role'),
					utf8('content')
				);
				break;
			case 'text':
				schema.push(utf8(c.name, c.nullable));
				break;
			case 'int32':
				schema.push({ name: c.name, type: 'INT32', repetition_type });
				break;
			case 'int64':
				schema.push({ name: c.name, type: 'INT64', repetition_type });
				break;
			case 'float64':
				schema.push({ name: c.name, type: 'DOUBLE', repetition_type });
				break;
			case 'timestamp':
				schema.push({ name: c.name, type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type });
				break;
		}
	}
	return schema;
}

export function hyparquetWriter<R>(path: string, columns: Column<R>[], metadata: Map<string, string>) {
	const writer = new ParquetWriter({
		writer: fileWriter(path),
		schema: schemaOf(columns),
		codec: 'SNAPPY',
		kvMetadata: [...metadata].map(([key, value]) => ({ key, value }))
	});
	return {
		write(rows: R[]) {
			writer.write({
				columnData: columns.map((c) => ({
					name: c.name,
					data:
						c.kind === 'int64'
							? BigInt64Array.from(rows, (r) => BigInt(c.value(r) as number))
							: rows.map((r) => c.value(r))
				})),
				rowGroupSize: rows.length
			});
		},
		close: () => writer.finish()
	};
}
