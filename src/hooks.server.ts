import type { Handle, ServerInit } from '@sveltejs/kit';
import { sessionToken } from '$lib/server/auth/session-cookie';
import { backend, closeBackend } from '$lib/server/backend';
import { anon, asUser } from '$lib/server/db';

/** Opens and migrates the database before the first request, so a bad setup fails at start. */
export const init: ServerInit = async () => {
	await backend();
	// adapter-node emits this once the HTTP server has closed on SIGINT/SIGTERM.
	process.once('sveltekit:shutdown', () => void closeBackend());
};

export const handle: Handle = async ({ event, resolve }) => {
	const token = sessionToken(event.cookies);
	const user = token ? await (await backend()).accounts.userForToken(token) : null;
	event.locals.user = user;
	event.locals.caller = user ? asUser(user.id, user.email) : anon;
	return resolve(event);
};
