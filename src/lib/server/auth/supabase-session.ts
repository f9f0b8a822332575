import { createServerClient } from '@supabase/ssr';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Cookies } from '@sveltejs/kit';
import ws from 'ws';
import type { Database } from '$lib/database.types';
import type { SupabaseConfig } from '../config';
import { asUser, type Member } from '../db/port';

/**
 * The per-request Supabase client of Supabase's SvelteKit guide, with its session in cookies.
 * Only the server ever uses it, so the cookies are HTTP-only: no script in the page can read the
 * tokens.
 */
export function supabaseServerClient(config: SupabaseConfig, cookies: Cookies, url: URL): SupabaseClient<Database> {
	return createServerClient<Database>(config.url, config.anonKey, {
		cookies: {
			getAll: () => cookies.getAll(),
			setAll: (toSet) =>
				toSet.forEach(({ name, value, options }) =>
					cookies.set(name, value, { ...options, path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' })
				)
		},
		// Node 20 has no WebSocket of its own; nothing here subscribes to realtime.
		realtime: { transport: ws as unknown as typeof WebSocket }
	});
}

/**
 * The signed-in person, only if Supabase Auth vouches for the token: cookies are the browser's
 * word, so the session read from them is verified (`getClaims` checks the signature, or asks the
 * Auth server for a symmetric key) before anything runs as that person. The verified token is the
 * one the db port sends.
 */
export async function verifiedMember(client: SupabaseClient<Database>): Promise<Member | null> {
	const { data: current } = await client.auth.getSession();
	const token = current.session?.access_token;
	if (!token) return null;
	const { data, error } = await client.auth.getClaims(token);
	if (error || !data?.claims.sub) return null;
	const email = typeof data.claims.email === 'string' ? data.claims.email : undefined;
	return asUser(data.claims.sub, email, token);
}
