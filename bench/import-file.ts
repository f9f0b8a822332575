import { TEXT } from './dataset';

const SYSTEM = 'You are a helpful assistant. Answer briefly and accurately.';
const slice = (seed: number, length: number) => TEXT.slice(seed % 400, (seed % 400) + length);

/**
 * A steward's JSONL file of `n` pairs, about 350 characters of text each (so that 100,000 fit the
 * 50 MB file limit): plain-text prompts mostly,
 * a quarter as chat messages (some multi-turn), an id on every row, models, and metadata on half.
 */
export function pairFile(n: number): Uint8Array {
	const lines: string[] = [];
	for (let i = 0; i < n; i++) {
		const question = `Question ${i}: ${slice(i * 7, 30 + (i % 60))}?`;
		const prompt =
			i % 4 !== 0
				? question
				: i % 3 === 0
					? [
							{ role: 'system', content: SYSTEM },
							{ role: 'user', content: `Earlier question ${i}?` },
							{ role: 'assistant', content: slice(i * 11, 40) },
							{ role: 'user', content: question }
						]
					: [
							{ role: 'system', content: SYSTEM },
							{ role: 'user', content: question }
						];
		const row: Record<string, unknown> = {
			id: `pair-${i}`,
			prompt,
			response_a: slice(i * 13, 80 + (i % 90)),
			response_b: slice(i * 17, 80 + ((i * 7) % 90)),
			model_a: 'model-a-7b',
			model_b: 'model-b-8b'
		};
		if (i % 2 === 0) row.metadata = { source: 'bench', topic: i % 3 === 0 ? 'databases' : 'general' };
		lines.push(JSON.stringify(row));
	}
	return new TextEncoder().encode(lines.join('\n') + '\n');
}

/** A file's bytes as an upload streams them, in 64 KiB chunks. */
export async function* chunked(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
	for (let i = 0; i < bytes.byteLength; i += size) yield bytes.subarray(i, i + size);
}
