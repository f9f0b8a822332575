import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkip, launchBrowser, screenshotPath } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';

if (browserSkip) console.warn(`\n[e2e] ${browserSkip}\n`);

const EMAIL = 'newcomer@example.org';
const PASSWORD = 'correct horse battery';
const DEMO = 'Helpful everyday answers';

describe.skipIf(browserSkip)('a newcomer in a real browser', () => {
	let dataDir: string;
	let server: RunningServer;
	let browser: Browser;

	beforeAll(async () => {
		dataDir = mkdtempSync(join(tmpdir(), 'pc-e2e-'));
		[server, browser] = await Promise.all([startServer({ DATA_DIR: dataDir }), launchBrowser()]);
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		rmSync(dataDir, { recursive: true, force: true });
	});

	async function signIn(page: Page, password: string) {
		await page.goto(`${server.url}/signin`);
		await page.getByLabel('Email').fill(EMAIL);
		await page.getByLabel('Password').fill(password);
		await page.getByRole('button', { name: 'Sign in' }).click();
	}

	it('sees the demo dataset, signs up, signs out and signs in again', async () => {
		const page = await browser.newPage();
		await page.goto(server.url);
		await expect(page.getByRole('link', { name: DEMO }).isVisible()).resolves.toBe(true);

		await page.getByRole('link', { name: 'Sign up' }).click();
		await page.getByLabel('Email').fill(EMAIL);
		await page.getByLabel('Password').fill('short');
		await page.getByRole('button', { name: 'Sign up' }).click();
		await page.getByText('Your password is too short').waitFor();

		await page.getByLabel('Password').fill(PASSWORD);
		await page.getByRole('button', { name: 'Sign up' }).click();
		await page.getByTestId('signed-in-as').waitFor();
		expect(await page.getByTestId('signed-in-as').textContent()).toBe(EMAIL);
		await page.getByRole('link', { name: DEMO }).waitFor();
		await page.screenshot({ path: screenshotPath('home-signed-in'), fullPage: true });

		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.getByRole('link', { name: 'Sign in' }).waitFor();
		expect(await page.getByTestId('signed-in-as').count()).toBe(0);

		await signIn(page, 'not my password');
		await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();

		await signIn(page, PASSWORD);
		await page.getByTestId('signed-in-as').waitFor();
		await page.getByRole('link', { name: DEMO }).click();
		await page.getByRole('heading', { name: 'Consent terms (version 1)' }).waitFor();
		await page.screenshot({ path: screenshotPath('dataset-page'), fullPage: true });
		await page.close();
	});

	it('keeps what a person typed before the page’s JavaScript arrived', async () => {
		const page = await browser.newPage();
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		await page.route('**/_app/**', async (route) => {
			await held;
			await route.continue();
		});
		await page.goto(`${server.url}/signup`, { waitUntil: 'commit' });
		await page.getByLabel('Email').fill('early@example.org');
		await page.getByLabel('Display name (optional)').fill('Early');
		release();
		await page.waitForLoadState('networkidle');
		expect(await page.getByLabel('Email').inputValue()).toBe('early@example.org');
		expect(await page.getByLabel('Display name (optional)').inputValue()).toBe('Early');
		await page.close();
	});

	it('refuses a taken email with a clear message', async () => {
		const page = await browser.newPage();
		await page.goto(`${server.url}/signup`);
		await page.getByLabel('Email').fill(EMAIL.toUpperCase());
		await page.getByLabel('Password').fill(PASSWORD);
		await page.getByRole('button', { name: 'Sign up' }).click();
		await page.getByRole('alert').filter({ hasText: 'An account with this email already exists' }).waitFor();
		await page.close();
	});

	it('keeps accounts and data after a kill -9 and a restart', async () => {
		await server.stop('SIGKILL');
		server = await startServer({ DATA_DIR: dataDir });
		const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
		await signIn(page, PASSWORD);
		await page.getByTestId('signed-in-as').waitFor();
		await expect(page.getByRole('link', { name: DEMO }).isVisible()).resolves.toBe(true);
		await expect(page.getByText('72 pairs').isVisible()).resolves.toBe(true);
		await page.screenshot({ path: screenshotPath('home-phone-after-restart'), fullPage: true });
		await page.close();
	});
});
