import { RecordBatch as ArrowBatch, Table as ArrowTable, tableToIPC } from 'apache-arrow';
import { createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import { Compression, Table as WasmTable, transformParquetStream, WriterPropertiesBuilder, type RecordBatch } from 'parquet-wasm';
import { arrowBatch, arrowSchema } from './arrow-batch';
import type { Column } from './columns';
import type { RowWriter } from './jsonl';

/**
 * Streams pages of rows into a Parquet file through apache-arrow and parquet-wasm (arrow-rs):
 * each page of at most `rowGroupSize` rows becomes one zstd-compressed row group, so memory
 * holds a page, never the table.
 * `metadata` goes into the footer's key-value metadata.
 */
export function parquetWriter<R>(
	path: string,
	columns: Column<R>[],
	metadata: Map<string, string>,
	rowGroupSize: number
): RowWriter<R> {
	const schema = arrowSchema(columns);
	let controller!: ReadableStreamDefaultController<RecordBatch>;
	let wantMore: (() => void) | undefined;
	const batches = new ReadableStream<RecordBatch>(
		{
			start: (c) => {
				controller = c;
			},
			pull: () => {
				wantMore?.();
				wantMore = undefined;
			}
		},
		{ highWaterMark: 1 }
	);
	const properties = new WriterPropertiesBuilder()
		.setCompression(Compression.ZSTD)
		.setMaxRowGroupSize(rowGroupSize)
		.setKeyValueMetadata(metadata)
		.setCreatedBy('preference-commons')
		.build();
	const written = transformParquetStream(batches, properties).then((bytes) =>
		bytes.pipeTo(Writable.toWeb(createWriteStream(path)) as WritableStream<Uint8Array>)
	);
	// A failure before close() is awaited must not surface as an unhandled rejection.
	written.catch(() => {});

	/** The rows as a record batch in WebAssembly memory, handed over through Arrow IPC. */
	function wasmBatch(rows: R[]): RecordBatch {
		const ipc = tableToIPC(new ArrowTable([arrowBatch(schema, columns, rows) as ArrowBatch]), 'stream');
		const table = WasmTable.fromIPCStream(ipc);
		const batch = table.recordBatch(0)!;
		table.free();
		return batch;
	}
	let wroteAny = false;
	return {
		async write(rows) {
			if (rows.length === 0) return;
			wroteAny = true;
			controller.enqueue(wasmBatch(rows));
			if ((controller.desiredSize ?? 1) <= 0) {
				await Promise.race([new Promise<void>((resolve) => (wantMore = resolve)), written]);
			}
		},
		async close() {
			// An empty export is still a valid file with the shape's schema.
			if (!wroteAny) controller.enqueue(wasmBatch([]));
			controller.close();
			await written;
		}
	};
}
