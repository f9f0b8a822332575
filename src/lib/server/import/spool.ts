import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A spooled upload: its size, a handle to read any range of it, and its removal. */
export interface Spooled {
	byteLength: number;
	handle: FileHandle;
	remove(): Promise<void>;
}

/**
 * Writes the chunks to a temporary file only this process can read. The caller must call
 * `remove()`; if writing fails, the file is removed here before the error goes on.
 */
export async function spool(chunks: AsyncIterable<Uint8Array>): Promise<Spooled> {
	const dir = await mkdtemp(join(tmpdir(), 'pair-import-'));
	let handle: FileHandle | undefined;
	const remove = async () => {
		await handle?.close();
		await rm(dir, { recursive: true, force: true });
	};
	try {
		handle = await open(join(dir, 'upload'), 'w+', 0o600);
		let byteLength = 0;
		for await (const chunk of chunks) {
			await handle.write(chunk, 0, chunk.byteLength, byteLength);
			byteLength += chunk.byteLength;
		}
		return { byteLength, handle, remove };
	} catch (e) {
		await remove();
		throw e;
	}
}

/** hyparquet's AsyncBuffer over the spooled file: each slice is one positioned read. */
export function asyncBufferOf({ byteLength, handle }: Spooled) {
	return {
		byteLength,
		async slice(start: number, end = byteLength): Promise<ArrayBuffer> {
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
}
