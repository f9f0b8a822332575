import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkip, launchBrowser, screenshotPath, signUpInBrowser } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';

if (browserSkip) console.warn(`\n[e2e] ${browserSkip}\n`);

describe.skipIf(browserSkip)('a steward runs a dataset in a real browser', () => {
	let dataDir: string;
	let server: RunningServer;
	let browser: Browser;
	let steward: Page;
	let volunteer: Page;

	const signUp = (email: string) => signUpInBrowser(browser, server.url, email);

	async function draftTerms(page: Page, summary: string) {
		await page.getByLabel('Plain-language summary (what volunteers read first)').fill(summary);
		await page.getByLabel('Full text (markdown)').fill(`# Terms\n\n${summary}`);
		await page.getByLabel('Training or fine-tuning AI models').check();
		await page.getByLabel('Withdrawal').fill('Any time, from My contributions.');
		await page.getByLabel('Retention').fill('While the dataset is maintained.');
		await page.getByLabel('Contact').fill('steward@example.org');
		await page.getByRole('button', { name: 'Save draft' }).click();
		await page.getByRole('status').filter({ hasText: 'saved' }).waitFor();
	}

	beforeAll(async () => {
		dataDir = mkdtempSync(join(tmpdir(), 'pc-e2e-steward-'));
		[server, browser] = await Promise.all([startServer({ DATA_DIR: dataDir, DEMO_DATA: '0' }), launchBrowser()]);
		steward = await signUp('steward@example.org');
		volunteer = await signUp('volunteer@example.org');
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		rmSync(dataDir, { recursive: true, force: true });
	});

	it('creates a dataset, says what is wrong with a bad form, publishes terms, and opens it', async () => {
		await steward.goto(server.url);
		await steward.getByRole('link', { name: 'Start a dataset' }).click();
		await steward.getByLabel('Title').fill('Code review answers');
		await steward.getByLabel('Short name (in its web address)').fill('Code Review!');
		await steward.getByRole('button', { name: 'Create dataset' }).click();
		await steward.getByText('The short name may hold lowercase letters, digits and single hyphens').waitFor();
		await steward.getByLabel('Short name (in its web address)').fill('code-review');
		await steward.getByRole('button', { name: 'Create dataset' }).click();
		await steward.getByRole('heading', { name: 'Steward: Code review answers' }).waitFor();
		expect(await steward.getByRole('button', { name: 'Open for ranking' }).isDisabled()).toBe(true);

		await steward.getByRole('button', { name: 'Save draft' }).click();
		await steward.getByText('Write the plain-language summary volunteers read first.').waitFor();
		await draftTerms(steward, 'Your votes train open models.');
		await steward.getByRole('button', { name: 'Publish version 1' }).click();
		await steward.getByRole('status').filter({ hasText: 'Published terms version 1' }).waitFor();
		await steward.getByRole('button', { name: 'Open for ranking' }).click();
		await steward.getByRole('button', { name: 'Close ranking' }).waitFor();
		await steward.screenshot({ path: screenshotPath('steward-page'), fullPage: true });
	});

	it('asks volunteers to agree again after a material change, and not after a minor one', async () => {
		await volunteer.goto(`${server.url}/datasets/code-review/rank`);
		await volunteer.getByRole('button', { name: /I agree/ }).click();
		await volunteer.getByRole('heading', { name: 'Nothing left for you here' }).waitFor();

		await draftTerms(steward, 'A small wording fix.');
		await steward.getByLabel('This is a material change: volunteers must agree again').uncheck();
		await steward.getByRole('button', { name: 'Save draft' }).click();
		await steward.getByRole('status').filter({ hasText: 'saved' }).waitFor();
		await steward.getByRole('button', { name: 'Publish version 2' }).click();
		await steward.getByRole('status').filter({ hasText: 'Published terms version 2' }).waitFor();
		await volunteer.goto(`${server.url}/datasets/code-review/rank`);
		await volunteer.getByRole('heading', { name: 'Nothing left for you here' }).waitFor();
		await volunteer.getByText('The terms were updated to version 2 with a minor change').waitFor();

		await draftTerms(steward, 'Now commercial use too.');
		await steward.getByRole('button', { name: 'Publish version 3' }).click();
		await steward.getByRole('status').filter({ hasText: 'Published terms version 3' }).waitFor();
		await volunteer.goto(`${server.url}/datasets/code-review/rank`);
		await volunteer.getByText('These terms changed in a way that matters since you last agreed').waitFor();
		await volunteer.screenshot({ path: screenshotPath('consent-after-material-change'), fullPage: true });
		await volunteer.getByRole('button', { name: /I agree/ }).click();
		await volunteer.getByRole('heading', { name: 'Nothing left for you here' }).waitFor();
	});

	it('keeps the steward page to stewards', async () => {
		const response = await volunteer.goto(`${server.url}/datasets/code-review/steward`);
		expect(response?.status()).toBe(403);
	});
});
