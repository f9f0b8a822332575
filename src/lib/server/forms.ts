import { fail, type ActionFailure } from '@sveltejs/kit';
import type { z } from 'zod';

export type FormValues = Partial<Record<string, string>>;
export type FormErrors = { fields: Partial<Record<string, string>>; message?: string };

/**
 * Parses a submitted form with a zod schema. On failure returns a 400 naming each bad field, and
 * echoes back the values (never passwords) so the person does not retype them.
 */
export async function parseForm<S extends z.ZodType>(
	request: Request,
	schema: S
): Promise<{ data: z.infer<S> } | { failure: ActionFailure<{ errors: FormErrors; values: FormValues }> }> {
	const form = await request.formData();
	const raw: Record<string, string> = {};
	for (const [key, value] of form) if (typeof value === 'string') raw[key] = value;
	const parsed = schema.safeParse(raw);
	if (parsed.success) return { data: parsed.data };
	const fields: FormErrors['fields'] = {};
	for (const issue of parsed.error.issues) {
		const key = String(issue.path[0] ?? 'form');
		fields[key] ??= issue.message;
	}
	return { failure: fail(400, { errors: { fields }, values: echo(raw) }) };
}

export function echo(raw: Record<string, unknown>): FormValues {
	const values: FormValues = {};
	for (const [key, value] of Object.entries(raw)) {
		if (typeof value === 'string' && !/password/i.test(key)) values[key] = value;
	}
	return values;
}
