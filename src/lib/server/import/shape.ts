/**
 * The shapes of file this import understands, brought to one: a pair's own columns
 * (`prompt`, `response_a`, `response_b`, as arena datasets have them too), and TRL preference
 * datasets (`prompt`, `chosen`, `rejected`). Which response was chosen is dropped on purpose:
 * volunteers rank these pairs afresh, so no side may give the old preference away.
 */

const TURN_FIELDS = ['prompt', 'response_a', 'response_b', 'chosen', 'rejected'];

function isMessageList(value: unknown): boolean {
	return Array.isArray(value) && value.length > 0 && value.every((m) => m !== null && typeof m === 'object' && 'role' in m);
}

/**
 * CSV cells are all text: metadata is JSON, and a turn field written as a
 * JSON list of {role, content} messages is taken as messages (plain text almost never is one).
 */
export function fromCsv(fields: Record<string, unknown>, row: number): { fields: Record<string, unknown>; problem?: string } {
	const out: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(fields)) {
		if (typeof value !== 'string') continue;
		// An empty turn is reported as empty; an empty optional field is simply not given.
		if (value === '') {
			if (TURN_FIELDS.includes(name)) out[name] = value;
			continue;
		}
		if (name === 'metadata') {
			try {
				out[name] = JSON.parse(value);
			} catch {
				return { fields: out, problem: `row ${row}: metadata is not valid JSON` };
			}
		} else if (TURN_FIELDS.includes(name) && value.trimStart().startsWith('[')) {
			let parsed: unknown;
			try {
				parsed = JSON.parse(value);
			} catch {
				parsed = undefined;
			}
			out[name] = isMessageList(parsed) ? parsed : value;
		} else {
			out[name] = value;
		}
	}
	return { fields: out };
}

/** TRL's conversational rows may repeat the prompt before the answer: keep the trailing assistant turns. */
function answerOf(value: unknown): { answer: unknown; before: unknown[] } {
	if (!Array.isArray(value)) return { answer: value, before: [] };
	let start = value.length;
	while (start > 0 && (value[start - 1] as { role?: unknown } | null)?.role === 'assistant') start--;
	// No assistant turn at the end: left whole, so validation says what is wrong with it.
	if (start === value.length) return { answer: value, before: [] };
	return { answer: value.slice(start), before: value.slice(0, start) };
}

/** `names` says which of the file's fields each of the pair's came from, for messages. */
export type Shaped =
	| { fields: Record<string, unknown>; names: Record<string, string>; problem?: undefined }
	| { problem: string; fields?: undefined };

/** The row in the pair's own fields; `random` decides which TRL response becomes response_a. */
export function shapeRow(fields: Record<string, unknown>, row: number, random: () => number): Shaped {
	const has = (name: string) => fields[name] !== undefined;
	const trl = has('chosen') || has('rejected');
	const arena = has('response_a') || has('response_b');
	if (trl && arena) {
		return { problem: `row ${row}: has both chosen/rejected and response_a/response_b; keep one pair of responses` };
	}
	if (!trl && !arena) {
		const found = Object.keys(fields).join(', ') || 'no fields';
		return {
			problem: `row ${row}: is not a pair: expected prompt with response_a and response_b, or prompt with chosen and rejected (found: ${found})`
		};
	}
	if (arena) return { fields, names: {} };

	const chosen = answerOf(fields.chosen);
	const rejected = answerOf(fields.rejected);
	const shaped: Record<string, unknown> = {
		prompt: has('prompt') ? fields.prompt : chosen.before.length > 0 ? chosen.before : undefined,
		id: fields.id,
		metadata: fields.metadata
	};
	const [a, b] = random() < 0.5 ? (['rejected', 'chosen'] as const) : (['chosen', 'rejected'] as const);
	const answers = { chosen: chosen.answer, rejected: rejected.answer };
	shaped.response_a = answers[a];
	shaped.response_b = answers[b];
	shaped.model_a = fields[`${a}_model`];
	shaped.model_b = fields[`${b}_model`];
	const prompt = has('prompt') ? 'prompt' : 'prompt (the turns before chosen\'s answer)';
	return { fields: shaped, names: { prompt, response_a: a, response_b: b, model_a: `${a}_model`, model_b: `${b}_model` } };
}
