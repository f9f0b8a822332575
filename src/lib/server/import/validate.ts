import { z } from 'zod';
import { LIMIT_WORDS, MAX_FIELD_CHARS } from './limits';

/** A pair as it is stored: the prompt ends with a user turn; each response is assistant turns. */
export interface ImportedPair {
	file_row: number;
	external_id: string | null;
	prompt: Message[];
	response_a: Message[];
	response_b: Message[];
	model_a: string | null;
	model_b: string | null;
	metadata: Record<string, unknown>;
}

export interface Message {
	role: 'system' | 'user' | 'assistant';
	content: string;
}

const tooLong = `is longer than the ${LIMIT_WORDS.field} limit`;

const message = z.object(
	{
		role: z.enum(['system', 'user', 'assistant'], { error: 'must be system, user or assistant' }),
		content: z
			.string({ error: 'must be text' })
			.refine((s) => s.trim() !== '', 'is empty')
			.refine((s) => s.length <= MAX_FIELD_CHARS, tooLong)
	},
	{ error: 'must be a {role, content} message' }
);

/** Plain text is one turn of `role`; blank text is no turns, so it is reported as empty. */
function turns(role: 'user' | 'assistant') {
	return z.preprocess(
		(v) => (typeof v === 'string' ? (v.trim() === '' ? [] : [{ role, content: v }]) : v),
		z
			.array(message, {
				error: (issue) => (issue.input === undefined ? 'is missing' : 'must be text or a list of {role, content} messages')
			})
			.min(1, 'is empty')
	);
}

const model = z.preprocess(
	(v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
	z
		.string({ error: 'must be text' })
		.trim()
		.max(200, 'is longer than 200 characters')
		.optional()
		.transform((v) => v ?? null)
);

export const pairRow = z.object({
	prompt: turns('user').refine((ms) => ms.at(-1)?.role === 'user', 'must end with a user turn'),
	response_a: turns('assistant').refine((ms) => ms.every((m) => m.role === 'assistant'), 'must hold assistant turns only'),
	response_b: turns('assistant').refine((ms) => ms.every((m) => m.role === 'assistant'), 'must hold assistant turns only'),
	model_a: model,
	model_b: model,
	id: z
		.union([z.string(), z.number()], { error: 'must be text or a number' })
		.transform((v) => String(v).trim())
		.refine((v) => v.length >= 1 && v.length <= 200, 'must be 1 to 200 characters')
		.optional()
		.transform((v) => v ?? null),
	metadata: z
		.record(z.string(), z.unknown(), { error: 'must be a JSON object' })
		.refine((m) => JSON.stringify(m).length <= MAX_FIELD_CHARS, `${tooLong} (as JSON)`)
		.optional()
		.transform((v) => v ?? {})
});

/** `prompt[2].content` for a message, the field alone where the file gave plain text. */
function where(path: PropertyKey[], names: Record<string, string>, plain: Set<string>): string {
	const field = String(path[0]);
	const name = names[field] ?? field;
	if (plain.has(field) && path[1] === 0) return name;
	return name + path.slice(1).map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}

/** The row as a pair to store, or each problem with it, named by row and field. */
export function validateRow(
	fields: Record<string, unknown>,
	row: number,
	names: Record<string, string>
): { pair: ImportedPair; problems?: undefined } | { problems: string[]; pair?: undefined } {
	const parsed = pairRow.safeParse(fields);
	if (!parsed.success) {
		const plain = new Set(Object.keys(fields).filter((k) => typeof fields[k] === 'string'));
		return { problems: parsed.error.issues.map((i) => `row ${row}: ${where(i.path, names, plain)} ${i.message}`) };
	}
	const { id, ...pair } = parsed.data;
	return { pair: { file_row: row, external_id: id, ...(pair as Omit<ImportedPair, 'file_row' | 'external_id'>) } };
}
