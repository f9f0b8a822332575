import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A spooled upload: where it is, its size, and its removal. */
export interface Spooled {
	path: string;
	byteLength: number;
	remove(): Promise<void>;
}

/**
 * Writes the chunks to a temporary file only this process can read. The caller must call
 * `remove()`; if writing fails, the file is removed here before the error goes on.
 */
export async function spool(chunks: AsyncIterable<Uint8Array>): Promise<Spooled> {
	const dir = await mkdtemp(join(tmpdir(), 'pair-import-'));
	const path = join(dir, 'upload');
	const remove = () => rm(dir, { recursive: true, force: true });
	try {
		const handle = await open(path, 'w', 0o600);
		let byteLength = 0;
		try {
			for await (const chunk of chunks) {
				await handle.write(chunk, 0, chunk.byteLength, byteLength);
				byteLength += chunk.byteLength;
			}
		} finally {
			await handle.close();
		}
		return { path, byteLength, remove };
	} catch (e) {
		await remove();
		throw e;
	}
}
