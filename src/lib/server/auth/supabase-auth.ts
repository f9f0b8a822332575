/**
 * Signing in with Supabase Auth, on the server: magic link, password when the project allows it,
 * OAuth providers. Every way ends with a session in the request's cookies (PKCE: the code
 * verifier waits in a cookie until /auth/callback exchanges the code) and a profile row.
 */
import type { EmailOtpType, SupabaseClient as UntypedClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { SupabaseConfig } from '../config';
import type { DbPort } from '../db/port';
import { AuthError } from './local-accounts';
import { verifiedMember } from './supabase-session';

type SupabaseClient = UntypedClient<Database>;

/** Where Supabase Auth sends the browser back to, carrying on to `next` afterwards. */
export function callbackUrl(url: URL, next: string): string {
	const to = new URL('/auth/callback', url.origin);
	to.searchParams.set('next', next);
	return to.toString();
}

export async function sendMagicLink(client: SupabaseClient, email: string, redirectTo: string): Promise<void> {
	const { error } = await client.auth.signInWithOtp({ email, options: { emailRedirectTo: redirectTo } });
	if (error) throw refusal(error);
}

export async function signInWithPassword(client: SupabaseClient, db: DbPort, credentials: { email: string; password: string }) {
	const { error } = await client.auth.signInWithPassword(credentials);
	if (error) throw refusal(error);
	await ensureProfile(client, db);
}

/** The provider's sign-in page; only providers this server was told are enabled are offered. */
export async function oauthUrl(client: SupabaseClient, config: SupabaseConfig, provider: string, redirectTo: string) {
	if (!config.oauthProviders.includes(provider)) {
		throw new AuthError({ kind: 'wrong-credentials', message: `Signing in with "${provider}" is not offered here.` });
	}
	const { data, error } = await client.auth.signInWithOAuth({
		provider: provider as Parameters<SupabaseClient['auth']['signInWithOAuth']>[0]['provider'],
		options: { redirectTo, skipBrowserRedirect: true }
	});
	if (error || !data.url) throw refusal(error ?? { message: 'no sign-in address came back' });
	return data.url;
}

export async function exchangeCode(client: SupabaseClient, db: DbPort, code: string): Promise<void> {
	const { error } = await client.auth.exchangeCodeForSession(code);
	if (error) throw refusal(error);
	await ensureProfile(client, db);
}

export async function confirmEmail(client: SupabaseClient, db: DbPort, tokenHash: string, type: EmailOtpType): Promise<void> {
	const { error } = await client.auth.verifyOtp({ token_hash: tokenHash, type });
	if (error) throw refusal(error);
	await ensureProfile(client, db);
}

export async function signOutOfSupabase(client: SupabaseClient): Promise<void> {
	await client.auth.signOut();
}

async function ensureProfile(client: SupabaseClient, db: DbPort) {
	const member = await verifiedMember(client);
	if (member) await db.rpc('ensure_profile', {}, member);
}

function refusal(error: { message: string; status?: number }): AuthError {
	if (error.status === 429) {
		return new AuthError({ kind: 'throttled', message: 'Too many attempts; wait a minute and try again.', retryAfterSeconds: 60 });
	}
	return new AuthError({ kind: 'wrong-credentials', message: error.message });
}
