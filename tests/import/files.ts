/** A file's bytes as an upload would stream them, in chunks of `size` so rows straddle chunks. */
export async function* streamOf(content: string | Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
	const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
	for (let i = 0; i < bytes.byteLength; i += size) yield bytes.slice(i, i + size);
}

export const jsonl = (...rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** Always the same side for a TRL row's chosen response, so a test can say which. */
export const chosenFirst = () => 0.9;
export const chosenSecond = () => 0.1;

export const user = (content: string) => ({ role: 'user', content });
export const assistant = (content: string) => ({ role: 'assistant', content });
