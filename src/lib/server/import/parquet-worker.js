// Decodes a spooled Parquet upload in a worker thread, for parquet.ts. Malformed files can send
// a decoder into a loop that never ends or into unbounded memory; in a worker, the server
// keeps answering and can stop it. The source is loaded as text and run from a data: URL, so
// the libraries come as file URLs in workerData rather than by name.
import { open } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';

/** @type {{ path: string, byteLength: number, hyparquet: string, compressors: string }} */
const { path, byteLength, hyparquet, compressors: compressorsUrl } = workerData;
/** @type {typeof import('hyparquet')} */
const { parquetMetadataAsync, parquetReadObjects } = await import(hyparquet);
// Parquet from other tools is often zstd, gzip or brotli; hyparquet itself reads only snappy.
/** @type {typeof import('hyparquet-compressors')} */
const { compressors } = await import(compressorsUrl);

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
const handle = await open(path, 'r');

/** hyparquet's AsyncBuffer over the file: each slice is one positioned read. */
const file = {
	byteLength,
	/** @param {number} start @param {number} [end] */
	async slice(start, end = byteLength) {
		const from = Math.max(0, Math.min(start, byteLength));
		const to = Math.max(from, Math.min(end, byteLength));
		const bytes = new Uint8Array(to - from);
		let at = 0;
		while (at < bytes.byteLength) {
			const { bytesRead } = await handle.read(bytes, at, bytes.byteLength - at, from + at);
			if (bytesRead === 0) break;
			at += bytesRead;
		}
		return bytes.buffer;
	}
};

/** @param {unknown} e */
const unreadable = (e) => port.postMessage({ kind: 'unreadable', message: e instanceof Error ? e.message : String(e) });

/** @type {import('hyparquet').FileMetaData} */
let metadata;
try {
	metadata = await parquetMetadataAsync(file);
	port.postMessage({ kind: 'metadata', metadata });
} catch (e) {
	unreadable(e);
}

// The parent asks for one row group at a time, so at most one group's rows are in memory.
port.on('message', async (/** @type {{ rowStart: number, rowEnd: number }} */ { rowStart, rowEnd }) => {
	try {
		const rows = await parquetReadObjects({ file, metadata, rowStart, rowEnd, compressors });
		port.postMessage({ kind: 'rows', rows });
	} catch (e) {
		unreadable(e);
	}
});
