import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import ws from 'ws';
import { DbError, type Caller, type DbPort, type RpcArgs } from './port';

export interface SupabaseKeys {
	url: string;
	/** The anon (or publishable) key: identifies the project, grants only the anon role. */
	anonKey: string;
	/** Server-only; needed for exports, which read votes as service_role. */
	serviceRoleKey?: string;
	fetch?: typeof fetch;
}

/**
 * The db port over a Supabase project's data API: every call is `supabase.rpc(fn, args)` with the
 * caller's own JWT, so PostgREST sets the role and claims and the same SQL functions and RLS
 * decide, exactly as the SQL adapter does by hand.
 */
export function supabasePort(keys: SupabaseKeys): DbPort {
	const client = (bearer: string): SupabaseClient =>
		createClient(keys.url, keys.anonKey, {
			auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
			global: { headers: { Authorization: `Bearer ${bearer}` }, fetch: keys.fetch },
			// Node 20 has no WebSocket of its own and supabase-js builds its realtime client even
			// when, as here, nothing subscribes.
			realtime: { transport: ws as unknown as typeof WebSocket }
		});
	const anonClient = client(keys.anonKey);
	const serviceClient = keys.serviceRoleKey ? client(keys.serviceRoleKey) : undefined;

	function clientFor(caller: Caller): SupabaseClient {
		if (caller.role === 'anon') return anonClient;
		if (caller.role === 'service_role') {
			if (!serviceClient) throw new Error('SUPABASE_SERVICE_ROLE_KEY is not set: the server cannot act as service_role');
			return serviceClient;
		}
		// Without the person's own token the call would silently run as anon.
		if (!caller.accessToken) throw new Error('a Supabase call for a signed-in user needs their access token');
		return client(caller.accessToken);
	}

	return {
		async rpc<T>(fn: string, args: RpcArgs, caller: Caller): Promise<T> {
			const { data, error } = await clientFor(caller).rpc(fn, args);
			if (error) throw new DbError(error.message, error.code || undefined, error.details || undefined);
			return data as T;
		},
		close: async () => {}
	};
}
