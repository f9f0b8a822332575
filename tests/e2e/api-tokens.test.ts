import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkip, launchBrowser, screenshotPath } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';

if (browserSkip) console.warn(`\n[e2e] ${browserSkip}\n`);

const EMAIL = 'researcher@example.org';

describe.skipIf(browserSkip)('a personal API token, made and revoked on the account page', () => {
	let dataDir: string;
	let server: RunningServer;
	let browser: Browser;

	beforeAll(async () => {
		dataDir = mkdtempSync(join(tmpdir(), 'pc-e2e-tokens-'));
		[server, browser] = await Promise.all([startServer({ DATA_DIR: dataDir, DEMO_DATA: '0' }), launchBrowser()]);
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		rmSync(dataDir, { recursive: true, force: true });
	});

	const me = (authorization?: string) =>
		fetch(`${server.url}/api/v1/me`, { headers: authorization ? { authorization } : {} });

	it('refuses the API without a token, or with one that is malformed or unknown, as 401 JSON', async () => {
		for (const header of [undefined, 'Basic eDp5', `Bearer pc_${'a'.repeat(43)}`]) {
			const res = await me(header);
			expect(res.status, String(header)).toBe(401);
			expect(res.headers.get('www-authenticate')).toBe('Bearer');
			expect(await res.json()).toEqual({ error: expect.any(String) });
		}
	});

	it('answers /api/v1/me for a good token, and 401 once it is revoked', async () => {
		const page = await browser.newPage();
		await page.goto(`${server.url}/signup`);
		await page.getByLabel('Email').fill(EMAIL);
		await page.getByLabel('Password').fill('correct horse battery');
		await page.getByRole('button', { name: 'Sign up' }).click();
		await page.getByTestId('signed-in-as').waitFor();

		await page.goto(`${server.url}/me`);
		await page.getByLabel('Token name').fill('   ');
		await page.getByRole('button', { name: 'Make a token' }).click();
		await page.getByText('Give the token a name.').waitFor();
		await page.getByLabel('Token name').fill('laptop "main": one');
		await page.getByRole('button', { name: 'Make a token' }).click();
		const shown = page.getByTestId('new-api-token');
		await shown.waitFor();
		const token = (await shown.locator('code').textContent())!.trim();
		expect(token).toMatch(/^pc_[A-Za-z0-9_-]{43}$/);
		await page.screenshot({ path: screenshotPath('api-token-created'), fullPage: true });

		const res = await me(`Bearer ${token}`);
		expect(res.status).toBe(200);
		const body = (await res.json()) as { id: string; email: string; display_name: string | null };
		expect(body).toMatchObject({ email: EMAIL });
		expect(body.id).toMatch(/^[0-9a-f-]{36}$/);

		// The session cookie alone never opens the API.
		const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
		expect((await fetch(`${server.url}/api/v1/me`, { headers: { cookie: cookies } })).status).toBe(401);

		await page.goto(`${server.url}/me`);
		await expect(page.getByTestId('new-api-token').count()).resolves.toBe(0);
		const row = page.getByRole('row').filter({ hasText: 'laptop "main": one' });
		await expect(row.getByRole('cell').nth(3).textContent()).resolves.not.toBe('never');
		await row.getByText('Revoke…').click();
		await row.getByRole('button', { name: /Yes, revoke/ }).click();
		await page.getByRole('row').filter({ hasText: 'laptop "main": one' }).getByText(/^revoked /).waitFor();

		const after = await me(`Bearer ${token}`);
		expect(after.status).toBe(401);
		expect(await after.json()).toEqual({ error: expect.stringMatching(/revoked/) });
		await page.close();
	});
});
