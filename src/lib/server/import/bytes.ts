import { LIMIT_WORDS, MAX_FILE_BYTES } from './limits';
import { ImportStop } from './problems';

export type ByteSource = AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

async function* iterate(source: ByteSource): AsyncGenerator<Uint8Array> {
	if ('getReader' in source) {
		const reader = source.getReader();
		try {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) return;
				yield value;
			}
		} finally {
			reader.releaseLock();
		}
	} else {
		yield* source;
	}
}

/**
 * The file's chunks, counted as they arrive: stops at the size limit before reading further, and
 * refuses an empty file, which is almost always the wrong file rather than an empty dataset.
 */
export async function* chunksOf(source: ByteSource, onBytes: (total: number) => void): AsyncGenerator<Uint8Array> {
	let total = 0;
	for await (const chunk of iterate(source)) {
		if (chunk.byteLength === 0) continue;
		total += chunk.byteLength;
		if (total > MAX_FILE_BYTES) throw new ImportStop(`the file is larger than the ${LIMIT_WORDS.file} limit`);
		onBytes(total);
		yield chunk;
	}
	if (total === 0) throw new ImportStop('the file is empty (0 bytes)');
}
