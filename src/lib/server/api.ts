import { json } from '@sveltejs/kit';
import type { z } from 'zod';
import { DbError } from './db/port';
import { SAID_TO_PEOPLE } from './forms';

/**
 * The forms' statuses for the refusals the database words for people, but "nothing found" is a
 * 404 here: an API client asked for a resource by its address.
 */
const STATUS: Record<string, number> = { ...SAID_TO_PEOPLE, P0002: 404 };

/** A JSON error as every /api/ route answers one: `{ "error": "..." }`. */
export function apiError(status: number, message: string): Response {
	return json({ error: message }, { status });
}

/** Parses API input with zod; a bad field becomes a 400 naming it. */
export function parseApi<S extends z.ZodType>(schema: S, input: unknown): { data: z.infer<S> } | { response: Response } {
	const parsed = schema.safeParse(input);
	if (parsed.success) return { data: parsed.data };
	const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
	return { response: apiError(400, message) };
}

/** Runs an API route's work; a refusal from the database becomes its status and message. */
export async function refusalAsResponse(work: () => Promise<Response>): Promise<Response> {
	try {
		return await work();
	} catch (e) {
		const status = e instanceof DbError && e.code ? STATUS[e.code] : undefined;
		if (status === undefined) throw e;
		return apiError(status, (e as DbError).message);
	}
}
