import { json, type Handle, type ServerInit } from '@sveltejs/kit';
import { memberForBearer } from '$lib/server/auth/api-tokens';
import { sessionToken } from '$lib/server/auth/session-cookie';
import { supabaseServerClient, verifiedMember } from '$lib/server/auth/supabase-session';
import { backend, closeBackend } from '$lib/server/backend';
import { bodyRefusal } from '$lib/server/body-limit';
import { anon, asUser } from '$lib/server/db';
import { failStoppedExports } from '$lib/server/exports';

/** Opens and migrates the database before the first request, so a bad setup fails at start. */
export const init: ServerInit = async () => {
	const b = await backend();
	// Nothing can still be making an export of the embedded database: it was this process's alone.
	if (b.embedded) await failStoppedExports(b, 0);
	// adapter-node emits this once the HTTP server has closed on SIGINT/SIGTERM.
	process.once('sveltekit:shutdown', () => void closeBackend());
};

export const handle: Handle = async ({ event, resolve }) => {
	const tooLarge = bodyRefusal(event.request, event.route.id);
	if (tooLarge) return tooLarge;
	const { db, accounts, supabase } = await backend();
	event.locals.supabase = null;
	// The API takes personal tokens only, never the session cookie, so no other site can make a
	// signed-in person's browser call it.
	if (event.url.pathname.startsWith('/api/')) {
		// Acting as a token's owner on Supabase needs a JWT that only Supabase Auth can sign.
		if (supabase) return json({ error: 'personal API tokens are not available on this Supabase deployment: use the pages' }, { status: 501 });
		const bearer = await memberForBearer(db, event.request.headers.get('authorization'));
		if ('refused' in bearer) return json({ error: bearer.refused }, { status: 401, headers: { 'www-authenticate': 'Bearer' } });
		event.locals.user = { id: bearer.member.userId, email: bearer.member.email ?? '' };
		event.locals.caller = bearer.member;
		return resolve(event);
	}
	if (supabase) {
		const client = supabaseServerClient(supabase, event.cookies, event.url);
		const member = await verifiedMember(client);
		event.locals.supabase = client;
		event.locals.user = member ? { id: member.userId, email: member.email ?? '' } : null;
		event.locals.caller = member ?? anon;
		// As in Supabase's SvelteKit guide: headers supabase-js needs when a load fetch is replayed.
		return resolve(event, { filterSerializedResponseHeaders: (name) => name === 'content-range' || name === 'x-supabase-api-version' });
	}
	const token = sessionToken(event.cookies);
	const user = token && accounts ? await accounts.userForToken(token) : null;
	event.locals.user = user;
	event.locals.caller = user ? asUser(user.id, user.email) : anon;
	return resolve(event);
};
