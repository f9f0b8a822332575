import { fail, type ActionFailure } from '@sveltejs/kit';
import { DbError } from './db/port';
import type { z } from 'zod';

export type FormValues = Partial<Record<string, string>>;
export type FormErrors = { fields: Partial<Record<string, string>>; message?: string };
/** What a failed form action returns, as a page reads it back. */
export type FormFailure = { errors: FormErrors; values: FormValues };

/**
 * Parses a submitted form with a zod schema. On failure returns a 400 naming each bad field, and
 * echoes back the values (never passwords) so the person does not retype them.
 */
export async function parseForm<S extends z.ZodType>(
	request: Request,
	schema: S
): Promise<{ data: z.infer<S> } | { failure: ActionFailure<FormFailure> }> {
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

/** SQLSTATEs whose message the database words for people: refusals and broken rules. */
export const SAID_TO_PEOPLE: Record<string, number> = {
	'42501': 403, // refused: not allowed, or a rule such as consent
	'23514': 400, // a check, e.g. opening a dataset without published terms
	'22023': 400, // a value the function does not accept
	P0002: 409 // nothing to act on, e.g. no draft to publish
};

/**
 * Runs a form action's work; a refusal or broken rule from the database becomes the form's
 * message instead of a server error. Anything else is a real error and is rethrown.
 */
export async function refusalAsFailure<T>(work: () => Promise<T>, values: Record<string, unknown> = {}) {
	try {
		return await work();
	} catch (e) {
		const status = e instanceof DbError && e.code ? SAID_TO_PEOPLE[e.code] : undefined;
		if (status === undefined) throw e;
		const errors: FormErrors = { fields: {}, message: (e as DbError).message };
		return fail(status, { errors, values: echo(values) });
	}
}
