/**
 * The built server in Supabase mode, in a real browser: the session lives in @supabase/ssr's
 * cookies, the server verifies it with Supabase Auth before acting for anyone, and every database
 * call goes through supabase-js to the data API — here the PostgREST stand-in of tests/support,
 * over a real database, since no Supabase server runs on this machine.
 */
import { createServerClient } from '@supabase/ssr';
import ws from 'ws';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDriver } from '../../src/lib/server/db/driver';
import type { Member } from '../../src/lib/server/db/port';
import { backends } from '../support/backends';
import { browserSkip, launchBrowser, screenshotPath } from '../support/browser';
import { openDataset } from '../support/datasets';
import { signJwt, startSupabaseStandIn, STAND_IN_JWT_SECRET, type SupabaseStandIn } from '../support/supabase-stand-in';
import { startServer, type RunningServer } from '../support/server';
import { createUser } from '../support/users';

const SERVICE_ROLE_KEY_MARK = 'service-role';

/** The cookies @supabase/ssr itself writes for `member`'s session. */
async function sessionCookies(standUrl: string, anonKey: string, member: Member, accessToken: string) {
	const jar = new Map<string, string>();
	const client = createServerClient(standUrl, anonKey, {
		cookies: {
			getAll: () => [...jar].map(([name, value]) => ({ name, value })),
			setAll: (cookies) => cookies.forEach(({ name, value }) => jar.set(name, value))
		},
		realtime: { transport: ws as unknown as typeof WebSocket }
	});
	const { error } = await client.auth.setSession({ access_token: accessToken, refresh_token: `refresh-${member.userId}` });
	if (error) throw error;
	return [...jar].map(([name, value]) => ({ name, value }));
}

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

describe.skipIf(browserSkip)('Supabase mode in a real browser, against the PostgREST stand-in', () => {
	let driver: SqlDriver;
	let dispose: () => Promise<void>;
	let stand: SupabaseStandIn;
	let server: RunningServer;
	let browser: Browser;
	let volunteer: Member;
	let anonKey: string, serviceRoleKey: string;
	const slug = 'supabase-mode';

	beforeAll(async () => {
		({ driver, dispose } = await backends[0]!.fresh());
		stand = await startSupabaseStandIn(driver);
		anonKey = await signJwt({ role: 'anon' });
		serviceRoleKey = await signJwt({ role: 'service_role', mark: SERVICE_ROLE_KEY_MARK });
		const steward = await createUser(driver, 'steward');
		volunteer = await createUser(driver, 'volunteer');
		await openDataset(driver, steward, slug, { pairs: 4, overlapTarget: 2 });
		[server, browser] = await Promise.all([
			startServer({
				PUBLIC_SUPABASE_URL: stand.url,
				PUBLIC_SUPABASE_ANON_KEY: anonKey,
				SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey,
				SUPABASE_OAUTH_PROVIDERS: 'github'
			}),
			launchBrowser()
		]);
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		await stand?.close();
		await dispose?.();
	});

	async function signedInContext(accessToken: string): Promise<BrowserContext> {
		const context = await browser.newContext();
		const cookies = await sessionCookies(stand.url, anonKey, volunteer, accessToken);
		await context.addCookies(cookies.map((c) => ({ ...c, url: server.url })));
		return context;
	}

	it('offers Supabase Auth sign-in: an email link and the configured providers, no local sign-up', async () => {
		const page = await browser.newPage();
		await page.goto(`${server.url}/signin`);
		await expect(page.getByRole('button', { name: 'Email me a sign-in link' }).isVisible()).resolves.toBe(true);
		await expect(page.getByRole('link', { name: 'Continue with GitHub' }).isVisible()).resolves.toBe(true);
		await expect(page.getByLabel('Password').count()).resolves.toBe(0);
		await page.screenshot({ path: screenshotPath('supabase-signin') });
		await page.goto(`${server.url}/signup`);
		expect(new URL(page.url()).pathname).toBe('/signin');
		await page.close();
	});

	it('signs a newcomer in with an email link (PKCE), makes their profile, and signs them out', async () => {
		const email = 'newcomer@example.org';
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto(`${server.url}/datasets/${slug}/rank`);
		await page.waitForURL(/\/signin\?next=/);
		// Typed before the page hydrates, the address would be reset by hydration.
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Email').fill(email);
		await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
		await page.getByRole('status').filter({ hasText: 'We sent a sign-in link' }).waitFor();
		const sent = stand.outbox.filter((m) => m.email === email);
		expect(sent).toHaveLength(1);
		const link = new URL(sent[0]!.link);
		expect(`${link.origin}${link.pathname}`).toBe(`${server.url}/auth/callback`);
		expect(link.searchParams.get('next')).toBe(`/datasets/${slug}/rank`);

		// Another browser without the code verifier cookie cannot use the link.
		const stranger = await browser.newPage();
		await stranger.goto(link.toString());
		expect(new URL(stranger.url()).pathname).toBe('/signin');
		await stranger.close();

		await page.goto(link.toString());
		await page.waitForURL(/\/consent/);
		await expect(page.getByTestId('signed-in-as').textContent()).resolves.toContain(email);
		const profiles = await driver.query<{ email: string }>(
			`select u.email from profiles p join auth.users u on u.id = p.id where u.email = $1`,
			[email]
		);
		expect(profiles).toHaveLength(1);

		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL(server.url + '/');
		await expect(page.getByTestId('signed-in-as').count()).resolves.toBe(0);
		await context.close();
	});

	it("sends a person to the provider through Supabase Auth's authorize endpoint, with a PKCE challenge", async () => {
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto(`${server.url}/signin?next=/datasets/${slug}`);
		await page.waitForLoadState('networkidle');
		const leaving = page.waitForRequest((req) => req.url().startsWith(`${stand.url}/auth/v1/authorize`));
		await page.getByRole('link', { name: 'Continue with GitHub' }).click();
		const authorize = new URL((await leaving).url());
		expect(authorize.searchParams.get('provider')).toBe('github');
		expect(authorize.searchParams.get('code_challenge_method')).toBe('s256');
		expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const back = new URL(authorize.searchParams.get('redirect_to')!);
		expect(`${back.origin}${back.pathname}`).toBe(`${server.url}/auth/callback`);
		expect(back.searchParams.get('next')).toBe(`/datasets/${slug}`);
		// The verifier waits, HTTP-only, in this browser for the callback.
		const cookies = await context.cookies(server.url);
		expect(cookies.find((c) => c.name.endsWith('-code-verifier'))).toMatchObject({ httpOnly: true });
		await context.close();
	});

	it('signs a person in from a verified session, then they consent and vote through the data API', async () => {
		const token = await signJwt({ sub: volunteer.userId, email: volunteer.email, role: 'authenticated', aud: 'authenticated' });
		const context = await signedInContext(token);
		const page = await context.newPage();
		await page.goto(server.url);
		await expect(page.getByTestId('signed-in-as').textContent()).resolves.toContain(volunteer.email);

		const before = stand.requests;
		await page.goto(`${server.url}/datasets/${slug}/rank`);
		await page.waitForURL(/\/consent/);
		await page.getByRole('button', { name: 'I agree, start ranking' }).click();
		await page.waitForURL(/\/rank/);
		await page.getByText('Which response is better?').waitFor();
		await page.keyboard.press('2');
		await page.keyboard.press('Enter');
		await page.waitForFunction(() => document.querySelector('[data-testid="progress"]')?.textContent?.includes('1 today'));
		await page.screenshot({ path: screenshotPath('supabase-rank') });
		expect(stand.requests).toBeGreaterThan(before);

		const votes = await driver.query<{ user_id: string; terms_version_id: number }>(
			`select v.user_id, v.terms_version_id from votes v join datasets d on d.id = v.dataset_id where d.slug = $1`,
			[slug]
		);
		expect(votes.map((v) => v.user_id)).toEqual([volunteer.userId]);
		await context.close();
	});

	it('treats a session whose token Supabase Auth does not vouch for as signed out', async () => {
		const { SignJWT } = await import('jose');
		const forged = await new SignJWT({ sub: volunteer.userId, role: 'authenticated', aud: 'authenticated' })
			.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
			.setExpirationTime('1h')
			.sign(new TextEncoder().encode(`${STAND_IN_JWT_SECRET}-but-not-quite`));
		const context = await browser.newContext();
		const jar = await sessionCookies(stand.url, anonKey, volunteer, await signJwt({ sub: volunteer.userId, role: 'authenticated' }));
		// The same cookie shape, carrying a token signed with another key.
		const swapped = jar.map((c) => {
			const session = JSON.parse(Buffer.from(c.value.replace(/^base64-/, ''), 'base64url').toString('utf8'));
			const value = `base64-${Buffer.from(JSON.stringify({ ...session, access_token: forged })).toString('base64url')}`;
			return { name: c.name, value, url: server.url };
		});
		await context.addCookies(swapped);
		const page = await context.newPage();
		await page.goto(`${server.url}/me`);
		expect(new URL(page.url()).pathname).toBe('/signin');
		await context.close();
	});

	it('says plainly that personal API tokens are not available here', async () => {
		const res = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer pc_${'a'.repeat(43)}` } });
		expect(res.status).toBe(501);
		expect((await res.json()).error).toMatch(/not available on this Supabase deployment/);
	});

	it('never sends the service-role key to a browser', async () => {
		const page = await browser.newPage();
		const bodies: string[] = [];
		page.on('response', async (res) => bodies.push(await res.text().catch(() => '')));
		for (const path of ['/', '/signin', `/datasets/${slug}`, `/datasets/${slug}/terms`]) {
			await page.goto(`${server.url}${path}`);
			await page.waitForLoadState('networkidle');
		}
		expect(bodies.length).toBeGreaterThan(4);
		expect(bodies.filter((b) => b.includes(serviceRoleKey))).toEqual([]);
		for (const file of filesUnder('build/client')) {
			const text = readFileSync(file, 'utf8');
			expect(text.includes('SUPABASE_SERVICE_ROLE_KEY') || text.includes('SUPABASE_SECRET_KEY'), file).toBe(false);
		}
		await page.close();
	});
});
