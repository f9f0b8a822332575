import { parquetMetadataAsync, parquetReadObjects, parquetSchema, type FileMetaData } from 'hyparquet';
// Parquet from other tools is often zstd, gzip or brotli; hyparquet itself reads only snappy.
import { compressors } from 'hyparquet-compressors';
import { ImportStop } from './problems';
import type { FileRecord } from './records';
import { asyncBufferOf, spool } from './spool';

/** Columns that hold a turn: text, or a list of {role, content} messages. */
const TURN_COLUMNS = ['prompt', 'response_a', 'response_b', 'chosen', 'rejected'];

function unreadable(e: unknown): ImportStop {
	const why = e instanceof Error ? e.message : String(e);
	return new ImportStop(`the file is not a readable Parquet file (is it cut short, or another format?): ${why}`);
}

/** A turn column stored as numbers or booleans can never hold a pair: say so once, not per row. */
function checkColumns(metadata: FileMetaData): void {
	for (const column of parquetSchema(metadata).children) {
		const { name, type, converted_type } = column.element;
		if (!TURN_COLUMNS.includes(name) || column.children.length > 0) continue;
		if (type !== 'BYTE_ARRAY' || (converted_type !== undefined && converted_type !== 'UTF8' && converted_type !== 'JSON')) {
			throw new ImportStop(
				`the column ${name} holds ${converted_type ?? type} values; expected text or a list of {role, content} messages`
			);
		}
	}
}

/**
 * Parquet's values as JSON's: 64-bit integers become numbers (or text when too big to be one),
 * and a null is a field not given, as a missing key is in JSONL.
 */
function plain(value: unknown): unknown {
	if (typeof value === 'bigint') {
		return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : String(value);
	}
	if (value instanceof Date) return value.toISOString();
	if (value instanceof Uint8Array) return value;
	if (Array.isArray(value)) return value.map(plain);
	if (value !== null && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = plain(v);
		return out;
	}
	return value;
}

function recordOf(raw: Record<string, unknown>, row: number): FileRecord {
	const fields: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(raw)) {
		if (value === null || value === undefined) continue;
		if (value instanceof Uint8Array) return { row, problem: `row ${row}: ${name} is binary data, not text` };
		if (name === 'metadata' && typeof value === 'string') {
			// Metadata written as a JSON string column, as a CSV would hold it.
			try {
				fields[name] = JSON.parse(value);
			} catch {
				return { row, problem: `row ${row}: metadata is not valid JSON` };
			}
			continue;
		}
		fields[name] = plain(value);
	}
	return { row, fields };
}

/**
 * Parquet rows, numbered from 1. The upload is spooled to a temporary file because Parquet is
 * read from its footer backwards; rows are then read one row group at a time, so only one
 * group's rows are in memory at once. The file is removed when reading ends, however it ends.
 */
export async function* parquetRecords(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<FileRecord> {
	const spooled = await spool(chunks);
	try {
		const file = asyncBufferOf(spooled);
		let metadata: FileMetaData;
		try {
			metadata = await parquetMetadataAsync(file);
		} catch (e) {
			throw unreadable(e);
		}
		checkColumns(metadata);
		let rowStart = 0;
		for (const group of metadata.row_groups) {
			const rowEnd = rowStart + Number(group.num_rows);
			let rows: Record<string, unknown>[];
			try {
				rows = await parquetReadObjects({ file, metadata, rowStart, rowEnd, compressors });
			} catch (e) {
				throw unreadable(e);
			}
			for (let i = 0; i < rows.length; i++) yield recordOf(rows[i]!, rowStart + i + 1);
			rowStart = rowEnd;
		}
	} finally {
		await spooled.remove();
	}
}
