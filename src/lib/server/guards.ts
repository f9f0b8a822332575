import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Member } from './db/port';

/** Where to go after signing in: only a path on this site, never another origin. */
export const NextPath = z
	.string()
	.regex(/^\/(?![/\\])/)
	.max(500)
	.catch('/');

/** The signed-in caller, or a redirect to sign in that comes back to this page. */
export function requireMember(locals: App.Locals, url: URL): Member {
	if (locals.caller.role !== 'authenticated') {
		redirect(303, `/signin?next=${encodeURIComponent(url.pathname + url.search)}`);
	}
	return locals.caller;
}

/** The token's owner on an `/api/` route; hooks.server.ts has already refused anyone else. */
export function requireApiMember(locals: App.Locals): Member {
	if (locals.caller.role !== 'authenticated') throw new Error('an /api/ route was reached without a token: see hooks.server.ts');
	return locals.caller;
}
