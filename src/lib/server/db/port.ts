/**
 * The one door to the database. Both adapters (SQL over PGlite or PostgreSQL, and Supabase)
 * call the same Postgres functions, always as the person making the request, so the rules in
 * `supabase/migrations` hold the same way in every mode.
 */

/**
 * Who a call runs as, in the roles Supabase and PostgREST use. `accessToken` is the person's
 * Supabase Auth JWT: the Supabase adapter sends it, the SQL adapter sets the same claims itself.
 * `service_role` is the server acting for itself (exports), never for a request's user.
 */
export type Caller =
	| { role: 'anon' }
	| { role: 'authenticated'; userId: string; email?: string; accessToken?: string }
	| { role: 'service_role' };

/** A signed-in caller. */
export type Member = Extract<Caller, { role: 'authenticated' }>;

export const anon: Caller = { role: 'anon' };

export const serviceRole: Caller = { role: 'service_role' };

export function asUser(userId: string, email?: string, accessToken?: string): Member {
	return accessToken ? { role: 'authenticated', userId, email, accessToken } : { role: 'authenticated', userId, email };
}

export type RpcArgs = Record<string, unknown>;

export interface DbPort {
	/**
	 * Calls `public.<fn>` with named arguments as `caller`. Returns what PostgREST would: an array
	 * of rows for a set-returning function, otherwise the single value, both as JSON values.
	 */
	rpc<T = unknown>(fn: string, args: RpcArgs, caller: Caller): Promise<T>;
	close(): Promise<void>;
}

/** A failure reported by the database, with its SQLSTATE so callers can tell refusals apart. */
export class DbError extends Error {
	constructor(
		message: string,
		readonly code: string | undefined,
		readonly detail?: string
	) {
		super(message);
		this.name = 'DbError';
	}

	/** Refused by privileges, RLS, or a rule that raises `insufficient_privilege`. */
	get isForbidden(): boolean {
		return this.code === '42501';
	}

	get isUniqueViolation(): boolean {
		return this.code === '23505';
	}
}

/** JWT claims as PostgREST sets them in `request.jwt.claims`. */
export function claimsOf(caller: Caller): Record<string, string> {
	if (caller.role !== 'authenticated') return { role: caller.role };
	const claims: Record<string, string> = { role: 'authenticated', sub: caller.userId };
	if (caller.email) claims.email = caller.email;
	return claims;
}
