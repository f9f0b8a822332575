import { parquetWriteBuffer } from 'hyparquet-writer';

type Column = { name: string; data: unknown[]; type?: string };

/** A Parquet file written in the test, so no binary fixture is committed. */
export function parquetFile(columns: Column[], rowGroupSize?: number): Uint8Array {
	// The writer's column types are its own union; the tests pass names it documents.
	return new Uint8Array(parquetWriteBuffer({ columnData: columns as never, rowGroupSize }));
}

/** The shape Hugging Face datasets store conversations in: list<struct<role, content>>. */
export function parquetMessagesFile(columns: { name: string; data: unknown[] }[]): Uint8Array {
	const schema = [
		{ name: 'root', num_children: columns.length },
		...columns.flatMap(({ name }) => [
			{ name, repetition_type: 'OPTIONAL', num_children: 1, converted_type: 'LIST' },
			{ name: 'list', repetition_type: 'REPEATED', num_children: 1 },
			{ name: 'element', repetition_type: 'OPTIONAL', num_children: 2 },
			{ name: 'role', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
			{ name: 'content', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' }
		])
	];
	return new Uint8Array(parquetWriteBuffer({ schema: schema as never, columnData: columns as never }));
}
