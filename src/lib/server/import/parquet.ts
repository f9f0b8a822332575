import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parquetSchema, type FileMetaData, type SchemaTree } from 'hyparquet';
import { PARQUET_READER, type ParquetReaderLimits } from './limits';
import { ImportStop } from './problems';
import type { FileRecord } from './records';
import { spool, type Spooled } from './spool';
import workerSource from './parquet-worker.js?raw';

/** Columns that hold a turn: text, or a list of {role, content} messages. */
const TURN_COLUMNS = ['prompt', 'response_a', 'response_b', 'chosen', 'rejected'];

function unreadable(why: string): ImportStop {
	return new ImportStop(`the file is not a readable Parquet file (is it cut short, or another format?): ${why}`);
}

function leafPaths(tree: SchemaTree): string[] {
	return tree.children.length === 0 ? [JSON.stringify(tree.path)] : tree.children.flatMap(leafPaths);
}

/**
 * A turn column stored as numbers or booleans can never hold a pair: say so once, not per row.
 * Every column chunk must belong to a column of the schema; hyparquet assumes so, and a chunk
 * that does not would fail only after its siblings' reads had begun.
 */
function checkColumns(metadata: FileMetaData): void {
	let schema: SchemaTree;
	try {
		schema = parquetSchema(metadata);
	} catch (e) {
		throw unreadable(e instanceof Error ? e.message : String(e));
	}
	const leaves = new Set(leafPaths(schema));
	for (const group of metadata.row_groups) {
		for (const chunk of group.columns) {
			const path = chunk.meta_data?.path_in_schema;
			if (!path || !leaves.has(JSON.stringify(path))) throw unreadable(`a column chunk names no column of the schema (${path?.join('.') ?? 'none'})`);
		}
	}
	for (const column of schema.children) {
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

type FromReader = { kind: 'metadata'; metadata: FileMetaData } | { kind: 'rows'; rows: Record<string, unknown>[] } | { kind: 'unreadable'; message: string };

const resolveLibrary = (name: string) => pathToFileURL(createRequire(import.meta.url).resolve(name)).href;
const READER_URL = new URL(`data:text/javascript,${encodeURIComponent(workerSource)}`);
const READER_LIBRARIES = { hyparquet: resolveLibrary('hyparquet'), compressors: resolveLibrary('hyparquet-compressors') };

/**
 * The decoder in a worker thread (parquet-worker.js), with a time limit on each answer and a
 * heap limit: a file built to make hyparquet loop or balloon costs the upload, not the server.
 */
class ParquetReader {
	private readonly worker: Worker;

	constructor(
		spooled: Spooled,
		private readonly limits: ParquetReaderLimits
	) {
		this.worker = new Worker(READER_URL, {
			workerData: { path: spooled.path, byteLength: spooled.byteLength, ...READER_LIBRARIES },
			resourceLimits: { maxOldGenerationSizeMb: limits.heapMegabytes }
		});
		// Only the answer awaited matters; an error after it (the worker is stopped then) does not.
		this.worker.on('error', () => {});
	}

	/** The worker's next message; its reading can only fail with an ImportStop. */
	receive(): Promise<FromReader> {
		const { worker, limits } = this;
		return new Promise((resolve, reject) => {
			const settle = (outcome: () => void) => {
				clearTimeout(timer);
				worker.off('message', onMessage).off('error', onError).off('exit', onExit);
				outcome();
			};
			const onMessage = (message: FromReader) =>
				settle(() => (message.kind === 'unreadable' ? reject(unreadable(message.message)) : resolve(message)));
			const onError = (e: Error & { code?: string }) =>
				settle(() =>
					reject(
						e.code === 'ERR_WORKER_OUT_OF_MEMORY'
							? unreadable(`reading it needs more than ${limits.heapMegabytes} MB of memory`)
							: unreadable(e.message)
					)
				);
			const onExit = () => settle(() => reject(unreadable('the reader stopped')));
			const timer = setTimeout(() => {
				settle(() => reject(unreadable(`reading part of it took longer than ${limits.seconds} s`)));
			}, limits.seconds * 1000);
			worker.on('message', onMessage).on('error', onError).on('exit', onExit);
		});
	}

	async rows(rowStart: number, rowEnd: number): Promise<Record<string, unknown>[]> {
		this.worker.postMessage({ rowStart, rowEnd });
		const answer = await this.receive();
		if (answer.kind !== 'rows') throw unreadable('the reader answered out of turn');
		return answer.rows;
	}

	async stop(): Promise<void> {
		await this.worker.terminate();
	}
}

/**
 * Parquet rows, numbered from 1. The upload is spooled to a temporary file because Parquet is
 * read from its footer backwards; rows are then read one row group at a time, so only one
 * group's rows are in memory at once. The file is removed when reading ends, however it ends.
 */
export async function* parquetRecords(
	chunks: AsyncIterable<Uint8Array>,
	limits: Partial<ParquetReaderLimits> = {}
): AsyncGenerator<FileRecord> {
	const spooled = await spool(chunks);
	const reader = new ParquetReader(spooled, { ...PARQUET_READER, ...limits });
	try {
		const first = await reader.receive();
		if (first.kind !== 'metadata') throw unreadable('the reader answered out of turn');
		const { metadata } = first;
		checkColumns(metadata);
		let rowStart = 0;
		for (const group of metadata.row_groups) {
			const rowEnd = rowStart + Number(group.num_rows);
			const rows = await reader.rows(rowStart, rowEnd);
			for (let i = 0; i < rows.length; i++) yield recordOf(rows[i]!, rowStart + i + 1);
			rowStart = rowEnd;
		}
	} finally {
		await reader.stop();
		await spooled.remove();
	}
}
