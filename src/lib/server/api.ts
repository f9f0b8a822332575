import { json } from '@sveltejs/kit';
import type { z } from 'zod';
import { DbError } from './db/port';

/** Statuses for the refusals and broken rules the database words for people. */
const STATUS: Record<string, number> = { '42501': 403, '22023': 400, '23514': 400, P0002: 404 };

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
