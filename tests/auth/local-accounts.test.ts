import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	AuthError,
	FAILURE_WINDOW_MINUTES,
	hashToken,
	localAccounts,
	MAX_FAILURES,
	MAX_FAILURES_PER_EMAIL,
	SESSION_DAYS,
	type AuthFailure,
	type LocalAccounts,
	type Session
} from '../../src/lib/server/auth/local-accounts';
import { PASSWORD_MIN, SignInInput, SignUpInput } from '../../src/lib/server/auth/schemas';
import type { SqlDriver } from '../../src/lib/server/db/driver';
import { asUser } from '../../src/lib/server/db/port';
import { runAs, sqlPort } from '../../src/lib/server/db/sql-adapter';
import { backends, type TestBackend } from '../support/backends';

const PASSWORD = 'correct horse battery staple';
const DAY_MS = 24 * 60 * 60 * 1000;

/** A new address each time, so tests share one database without sharing accounts or throttles. */
const uniqueEmail = (name: string) => `${name}-${randomUUID().slice(0, 8)}@example.org`;

/** Resolves to the refusal, failing the test if the call succeeded or failed some other way. */
async function refusal(p: Promise<unknown>): Promise<AuthFailure> {
	const err = await p.then(
		() => null,
		(e: unknown) => e
	);
	expect(err, 'expected the account service to refuse this').toBeInstanceOf(AuthError);
	expect((err as AuthError).message).toBe((err as AuthError).failure.message);
	return (err as AuthError).failure;
}

describe('sign-up and sign-in input', () => {
	it('refuses a short password, saying so and stating the minimum', () => {
		const parsed = SignUpInput.safeParse({ email: 'ada@example.org', password: '12345' });
		expect(parsed.success).toBe(false);
		const issue = parsed.error!.issues.find((i) => i.path[0] === 'password');
		expect(issue?.message).toMatch(/password is too short/);
		expect(issue?.message).toContain(`at least ${PASSWORD_MIN} characters`);
	});

	it('refuses a malformed email with an example of a good one', () => {
		const parsed = SignUpInput.safeParse({ email: 'ada at example', password: PASSWORD });
		expect(parsed.success).toBe(false);
		expect(parsed.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['email', 'Enter a valid email address, like name@example.org.']
		]);
	});

	it('stores emails trimmed and lowercased, so one address is one account', () => {
		expect(SignUpInput.parse({ email: '  Ada@Example.ORG ', password: PASSWORD }).email).toBe('ada@example.org');
		expect(SignInInput.parse({ email: ' ADA@example.org', password: 'x' }).email).toBe('ada@example.org');
	});
});

function accountTests(backend: TestBackend) {
	let driver: SqlDriver;
	let dispose: () => Promise<void>;
	let accounts: LocalAccounts;

	beforeAll(async () => {
		({ driver, dispose } = await backend.fresh());
		accounts = localAccounts(driver, sqlPort(driver));
	});
	afterAll(() => dispose?.());

	// Parsed as the routes parse form input, so the tests see what a real request hands the service.
	const signUp = (email: string, password = PASSWORD, displayName?: string) =>
		accounts.signUp(SignUpInput.parse({ email, password, displayName }));
	const signIn = (email: string, password: string, address = '192.0.2.1') =>
		accounts.signIn(SignInInput.parse({ email, password }), address);

	/** The tables, among those the app owns, with a row whose text contains `text` anywhere. */
	async function tablesContaining(text: string): Promise<string[]> {
		const tables = await driver.query<{ name: string }>(
			`select format('%I.%I', schemaname, tablename) as name from pg_tables
			 where schemaname in ('auth', 'local_auth', 'public') order by 1`
		);
		const found: string[] = [];
		for (const { name } of tables) {
			const rows = await driver.query(`select 1 from ${name} t where strpos(t::text, $1) > 0 limit 1`, [text]);
			if (rows.length > 0) found.push(name);
		}
		return found;
	}

	async function failuresFor(email: string): Promise<number> {
		const rows = await driver.query<{ n: number }>(
			'select count(*)::int as n from local_auth.failed_sign_ins where email = $1',
			[email]
		);
		return rows[0]!.n;
	}

	async function sessionsOf(userId: string): Promise<number> {
		const rows = await driver.query<{ n: number }>(
			'select count(*)::int as n from local_auth.sessions where user_id = $1',
			[userId]
		);
		return rows[0]!.n;
	}

	it('signs up: an account with a hashed password, a profile, and a session whose token is kept only as a hash', async () => {
		const email = uniqueEmail('ada');
		const session = await signUp(email, PASSWORD, '  Ada  ');
		expect(session.user).toEqual({ id: expect.any(String), email });
		// A minute's slack either way: the expiry comes from the database's clock, not this process's.
		const lifetime = session.expiresAt.getTime() - Date.now();
		expect(Math.abs(lifetime - SESSION_DAYS * DAY_MS)).toBeLessThan(60_000);

		const [account] = await driver.query<{ encrypted_password: string }>(
			'select encrypted_password from auth.users where id = $1',
			[session.user.id]
		);
		expect(account!.encrypted_password).toMatch(/^\$argon2id\$/);

		const profiles = await runAs(driver, asUser(session.user.id, email), (tx) =>
			tx.query('select id, display_name from profiles')
		);
		expect(profiles).toEqual([{ id: session.user.id, display_name: 'Ada' }]);

		const stored = await driver.query('select token_hash from local_auth.sessions where user_id = $1', [
			session.user.id
		]);
		expect(stored).toEqual([{ token_hash: hashToken(session.token) }]);
		expect(await tablesContaining(session.token)).toEqual([]);
		expect(await tablesContaining(PASSWORD)).toEqual([]);
		// The same search does find what is meant to be stored, so the empty results above mean something.
		expect(await tablesContaining(email)).toEqual(['auth.users']);
		expect(await tablesContaining(hashToken(session.token))).toEqual(['local_auth.sessions']);
	});

	describe('sessions', () => {
		let email: string;
		let first: Session;

		beforeAll(async () => {
			email = uniqueEmail('grace');
			first = await signUp(email);
		});

		it('resolve to their user until signed out, each session on its own', async () => {
			const second = await signIn(email, PASSWORD);
			expect(second.token).not.toBe(first.token);
			expect(await accounts.userForToken(first.token)).toEqual(first.user);
			expect(await accounts.userForToken(second.token)).toEqual(first.user);

			await accounts.signOut(first.token);
			expect(await accounts.userForToken(first.token)).toBeNull();
			expect(await accounts.userForToken(second.token)).toEqual(first.user);
		});

		it('stop resolving once expired', async () => {
			const session = await signIn(email, PASSWORD);
			expect(await accounts.userForToken(session.token)).toEqual(session.user);
			await driver.query(
				`update local_auth.sessions set expires_at = now() - interval '1 second' where token_hash = $1`,
				[hashToken(session.token)]
			);
			expect(await accounts.userForToken(session.token)).toBeNull();
		});

		it('resolve nothing for a token nobody was given', async () => {
			expect(await accounts.userForToken('not-a-token')).toBeNull();
			expect(await accounts.userForToken('')).toBeNull();
			// A stored hash is not a token either: presenting it must not sign anyone in.
			expect(await accounts.userForToken(hashToken(first.token))).toBeNull();
		});
	});

	it('refuses a second account for the same email, however it is typed, and creates nothing', async () => {
		const email = uniqueEmail('hopper');
		await signUp(email);
		const countUsers = async () =>
			(await driver.query<{ n: number }>('select count(*)::int as n from auth.users'))[0]!.n;
		const users = await countUsers();

		for (const typed of [email, `  ${email.toUpperCase()} `]) {
			const failure = await refusal(signUp(typed, 'another password entirely'));
			expect(failure).toEqual({
				kind: 'email-taken',
				message: 'An account with this email already exists. Sign in instead.'
			});
		}
		expect(await countUsers()).toBe(users);
		// The first password still works: the refused sign-ups did not overwrite it.
		await expect(signIn(email, PASSWORD)).resolves.toMatchObject({ user: { email } });
	});

	it('refuses a wrong password and an unknown email with the same message', async () => {
		const email = uniqueEmail('lovelace');
		const { user } = await signUp(email);
		const sessions = await sessionsOf(user.id);

		const wrongPassword = await refusal(signIn(email, 'not the password'));
		const unknownEmail = await refusal(signIn(uniqueEmail('nobody'), PASSWORD));
		const expected = { kind: 'wrong-credentials', message: 'Wrong email or password.' };
		expect(wrongPassword).toEqual(expected);
		expect(unknownEmail).toEqual(expected);
		expect(await sessionsOf(user.id)).toBe(sessions);
	});

	it(`throttles an email after ${MAX_FAILURES} wrong passwords, until they leave the window`, async () => {
		const email = uniqueEmail('turing');
		await signUp(email);
		for (let i = 0; i < MAX_FAILURES; i++) {
			expect((await refusal(signIn(email, `wrong guess ${i}`))).kind).toBe('wrong-credentials');
		}

		const throttled = await refusal(signIn(email, PASSWORD));
		expect(throttled.kind).toBe('throttled');
		if (throttled.kind !== 'throttled') return;
		expect(throttled.retryAfterSeconds).toBeGreaterThan(0);
		expect(throttled.retryAfterSeconds).toBeLessThanOrEqual(FAILURE_WINDOW_MINUTES * 60);
		expect(throttled.message).toMatch(/try again in \d+ minute/i);
		// Another address is not held back by this one's failures.
		await expect(signIn(uniqueEmail('other'), PASSWORD)).rejects.toMatchObject({
			failure: { kind: 'wrong-credentials' }
		});

		await driver.query(
			`update local_auth.failed_sign_ins
			 set attempted_at = attempted_at - make_interval(mins => $2 + 1) where email = $1`,
			[email, FAILURE_WINDOW_MINUTES]
		);
		const session = await signIn(email, PASSWORD);
		expect(await accounts.userForToken(session.token)).toEqual(session.user);
		expect(await failuresFor(email)).toBe(0);
	});

	it('holds back only the address that failed, until failures from everywhere reach the ceiling', async () => {
		const email = uniqueEmail('lovelace');
		await signUp(email);
		for (let i = 0; i < MAX_FAILURES; i++) await refusal(signIn(email, `guess ${i}`, '198.51.100.7'));
		expect((await refusal(signIn(email, PASSWORD, '198.51.100.7'))).kind).toBe('throttled');
		// The owner, elsewhere, still signs in; that clears the count for every address.
		const session = await signIn(email, PASSWORD, '203.0.113.5');
		expect(session.user.email).toBe(email);
		expect(await failuresFor(email)).toBe(0);

		// Guesses spread over many addresses stop at the per-email ceiling, for everyone.
		const addresses = MAX_FAILURES_PER_EMAIL / MAX_FAILURES;
		for (let a = 0; a < addresses; a++) {
			for (let i = 0; i < MAX_FAILURES; i++) await refusal(signIn(email, `guess ${i}`, `198.51.100.${a + 10}`));
		}
		expect(await failuresFor(email)).toBe(MAX_FAILURES_PER_EMAIL);
		expect((await refusal(signIn(email, PASSWORD, '203.0.113.5'))).kind).toBe('throttled');
	});

	it('counts parallel guesses too: only the first few are even checked', async () => {
		const email = uniqueEmail('hopper');
		await signUp(email);
		const guesses = Array.from({ length: 3 * MAX_FAILURES }, (_, i) => refusal(signIn(email, `guess ${i}`)));
		const kinds = (await Promise.all(guesses)).map((f) => f.kind);
		expect(kinds.filter((k) => k === 'wrong-credentials')).toHaveLength(MAX_FAILURES);
		expect(kinds.filter((k) => k === 'throttled')).toHaveLength(2 * MAX_FAILURES);
	});

	it('prunes failed sign-ins past the window and expired sessions, whoever they belong to', async () => {
		const stranger = uniqueEmail('stranger');
		await refusal(signIn(stranger, 'guess'));
		await driver.query(
			`update local_auth.failed_sign_ins
			 set attempted_at = attempted_at - make_interval(mins => $2 + 1) where email = $1`,
			[stranger, FAILURE_WINDOW_MINUTES]
		);
		const old = await signUp(uniqueEmail('old'));
		await driver.query(`update local_auth.sessions set expires_at = now() - interval '1 second' where user_id = $1`, [
			old.user.id
		]);
		const email = uniqueEmail('pruner');
		await signUp(email);
		await signIn(email, PASSWORD);
		expect(await failuresFor(stranger)).toBe(0);
		expect(await sessionsOf(old.user.id)).toBe(0);
	});
}

for (const backend of backends) {
	describe.skipIf(backend.skip)(
		`local accounts on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`,
		() => accountTests(backend)
	);
}
