import { createHash, randomBytes } from 'node:crypto';
import type { SqlDriver } from '../db/driver';
import { asUser, type DbPort } from '../db/port';
import { decoyHash, hashPassword, verifyPassword } from './password';
import type { SignInInput, SignUpInput } from './schemas';

export const SESSION_DAYS = 30;
/**
 * Failed sign-ins for one email from one address within the window, after which that address's
 * next tries are refused; and from all addresses together, after which everyone's are. The first
 * keeps a guesser from locking the owner out elsewhere; the second bounds guessing from many
 * places at once.
 */
export const MAX_FAILURES = 5;
export const MAX_FAILURES_PER_EMAIL = 50;
export const FAILURE_WINDOW_MINUTES = 15;

export type AccountUser = { id: string; email: string };
export type Session = { token: string; expiresAt: Date; user: AccountUser };

export type AuthFailure =
	| { kind: 'email-taken'; message: string }
	| { kind: 'wrong-credentials'; message: string }
	| { kind: 'throttled'; message: string; retryAfterSeconds: number };

export class AuthError extends Error {
	constructor(readonly failure: AuthFailure) {
		super(failure.message);
		this.name = 'AuthError';
	}
}

/** Only the token's hash is stored: a leaked sessions table signs nobody in. */
export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/**
 * Email-and-password accounts for the embedded and plain-PostgreSQL modes. Plays the part of
 * Supabase Auth: it runs on the server's own connection, not as a user, and touches only the
 * shim's `auth.users` and `local_auth` tables; the profile is created through the port as the
 * new user, like every other write.
 */
export function localAccounts(driver: SqlDriver, db: DbPort) {
	async function startSession(user: AccountUser): Promise<Session> {
		const token = randomBytes(32).toString('base64url');
		// Expired sessions are pruned here, the only place sessions are made.
		const rows = await driver.query<{ expires_at: Date }>(
			`with pruned as (delete from local_auth.sessions where expires_at <= now())
			 insert into local_auth.sessions (token_hash, user_id, expires_at)
			 values ($1, $2, now() + make_interval(days => $3)) returning expires_at`,
			[hashToken(token), user.id, SESSION_DAYS]
		);
		return { token, expiresAt: new Date(rows[0]!.expires_at), user };
	}

	/**
	 * Counts this attempt as a failure before the password is checked, under a per-email lock:
	 * parallel guesses cannot all slip past the count. A correct password then clears the count.
	 */
	async function admitAttempt(email: string, address: string): Promise<void> {
		const retryAfter = await driver.transaction(async (tx) => {
			await tx.query('select pg_advisory_xact_lock(hashtext($1))', [email]);
			await tx.query(
				'delete from local_auth.failed_sign_ins where attempted_at <= now() - make_interval(mins => $1)',
				[FAILURE_WINDOW_MINUTES]
			);
			// For each limit, the wait until its oldest counted failure leaves the window, if reached.
			const rows = await tx.query<{ retry_after: number | null }>(
				`select max(ceil(extract(epoch from (oldest + make_interval(mins => $3) - now())))::int) as retry_after
				 from (
				   select min(attempted_at) as oldest, count(*) as failures, $4::int as max
				   from (select attempted_at from local_auth.failed_sign_ins
				         where email = $1 and address = $2 order by attempted_at desc limit $4) here
				   union all
				   select min(attempted_at), count(*), $5::int
				   from (select attempted_at from local_auth.failed_sign_ins
				         where email = $1 order by attempted_at desc limit $5) anywhere
				 ) limits
				 where failures >= max`,
				[email, address, FAILURE_WINDOW_MINUTES, MAX_FAILURES, MAX_FAILURES_PER_EMAIL]
			);
			const retryAfter = rows[0]?.retry_after;
			if (retryAfter != null) return Math.max(1, retryAfter);
			await tx.query('insert into local_auth.failed_sign_ins (email, address) values ($1, $2)', [email, address]);
			return null;
		});
		if (retryAfter !== null) {
			throw new AuthError({
				kind: 'throttled',
				retryAfterSeconds: retryAfter,
				message: `Too many failed sign-ins for this email. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`
			});
		}
	}

	return {
		async signUp(input: SignUpInput): Promise<Session> {
			const passwordHash = await hashPassword(input.password);
			const rows = await driver.query<{ id: string }>(
				`insert into auth.users (email, encrypted_password) values ($1, $2)
				 on conflict (email) do nothing returning id`,
				[input.email, passwordHash]
			);
			const id = rows[0]?.id;
			if (!id) {
				throw new AuthError({
					kind: 'email-taken',
					message: 'An account with this email already exists. Sign in instead.'
				});
			}
			const user = { id, email: input.email };
			await db.rpc('ensure_profile', { display_name: input.displayName ?? null }, asUser(id, input.email));
			return startSession(user);
		},

		/** `address` is where the attempt comes from (the client's IP address). */
		async signIn(input: SignInInput, address = ''): Promise<Session> {
			await admitAttempt(input.email, address);
			const rows = await driver.query<{ id: string; encrypted_password: string }>(
				'select id, encrypted_password from auth.users where email = $1',
				[input.email]
			);
			const found = rows[0];
			const ok = await verifyPassword(found?.encrypted_password ?? (await decoyHash()), input.password);
			if (!found || !ok) {
				throw new AuthError({ kind: 'wrong-credentials', message: 'Wrong email or password.' });
			}
			await driver.query(
				`with cleared as (delete from local_auth.failed_sign_ins where email = $1)
				 update auth.users set last_sign_in_at = now() where id = $2`,
				[input.email, found.id]
			);
			const user = { id: found.id, email: input.email };
			// Heals an account whose sign-up stopped between the account row and the profile.
			await db.rpc('ensure_profile', {}, asUser(user.id, user.email));
			return startSession(user);
		},

		/** The signed-in user for a session cookie, or null when it is unknown or expired. */
		async userForToken(token: string): Promise<AccountUser | null> {
			const rows = await driver.query<AccountUser>(
				`select u.id, u.email from local_auth.sessions s join auth.users u on u.id = s.user_id
				 where s.token_hash = $1 and s.expires_at > now()`,
				[hashToken(token)]
			);
			return rows[0] ?? null;
		},

		async signOut(token: string): Promise<void> {
			await driver.query('delete from local_auth.sessions where token_hash = $1', [hashToken(token)]);
		}
	};
}

export type LocalAccounts = ReturnType<typeof localAccounts>;
