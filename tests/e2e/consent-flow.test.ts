import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/lib/server/db/pglite-driver';
import { browserSkip, launchBrowser, screenshotPath, signUpInBrowser } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';

if (browserSkip) console.warn(`\n[e2e] ${browserSkip}\n`);

const SLUG = 'kitchen-help';
const PAIRS = Array.from({ length: 8 }, (_, i) => ({
	id: `k${i + 1}`,
	prompt: [{ role: 'user', content: `How long do I boil egg number ${i + 1}?` }],
	response_a: `About ${i + 6} minutes.`,
	response_b: `Until it floats, roughly ${i + 3} minutes.`,
	model_a: 'model-x',
	model_b: 'model-y'
}));

/**
 * One person's whole consent story, through the pages only: a steward imports pairs and publishes
 * terms, a volunteer consents and ranks, the terms change materially, the volunteer withdraws;
 * the export filter, read as the database owner, follows each step.
 */
describe.skipIf(browserSkip)('consent from import to withdrawal, in a real browser', () => {
	let dataDir: string;
	let server: RunningServer;
	let browser: Browser;
	let steward: Page;
	let volunteer: Page;

	const signUp = (email: string) => signUpInBrowser(browser, server.url, email);

	async function publishTerms(version: number, summary: string) {
		await steward.goto(`${server.url}/datasets/${SLUG}/steward`);
		await steward.getByLabel('Plain-language summary (what volunteers read first)').fill(summary);
		await steward.getByLabel('Full text (markdown)').fill(`# Terms\n\n${summary}`);
		await steward.getByLabel('Training or fine-tuning AI models').check();
		await steward.getByLabel('Withdrawal').fill('Any time, from My contributions.');
		await steward.getByLabel('Retention').fill('While the dataset is maintained.');
		await steward.getByLabel('Contact').fill('steward@example.org');
		await steward.getByRole('button', { name: 'Save draft' }).click();
		await steward.getByRole('status').filter({ hasText: 'saved' }).waitFor();
		await steward.getByRole('button', { name: `Publish version ${version}` }).click();
		await steward.getByRole('status').filter({ hasText: `Published terms version ${version}` }).waitFor();
	}

	async function rank(count: number) {
		for (let i = 0; i < count; i++) {
			await volunteer.getByText('Which response is better?').waitFor();
			const before = await volunteer.getByTestId('progress').textContent();
			// The keys work once the page has hydrated, which a loaded machine may take a moment to do.
			const submit = volunteer.getByRole('button', { name: /^Submit/ });
			await expect
				.poll(async () => {
					await volunteer.keyboard.press(i % 2 === 0 ? '1' : '4');
					return submit.isEnabled();
				})
				.toBe(true);
			await volunteer.keyboard.press('Enter');
			await volunteer.waitForFunction((text) => document.querySelector('[data-testid="progress"]')?.textContent !== text, before);
		}
	}

	/** The votes the export filter lets out for training open-weights models, non-commercially, by author. */
	async function exportable(): Promise<Record<string, number>> {
		await server.stop();
		const driver = await openPglite(dataDir);
		try {
			const rows = await driver.query<{ email: string; n: number }>(
				`select u.email, count(*)::int as n
				 from private.exportable_votes((select id from datasets where slug = $1), 'train-ai', false, true) v
				 join auth.users u on u.id = v.user_id group by u.email`,
				[SLUG]
			);
			return Object.fromEntries(rows.map((r) => [r.email, r.n]));
		} finally {
			await driver.close();
		}
	}

	const restart = async () => {
		server = await startServer({ DATA_DIR: dataDir, DEMO_DATA: '0' });
	};

	beforeAll(async () => {
		dataDir = mkdtempSync(join(tmpdir(), 'pc-e2e-consent-'));
		[server, browser] = await Promise.all([startServer({ DATA_DIR: dataDir, DEMO_DATA: '0' }), launchBrowser()]);
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		rmSync(dataDir, { recursive: true, force: true });
	});

	it('a steward signs up, creates a dataset, imports a JSONL file on the upload page, publishes terms and opens it', async () => {
		steward = await signUp('steward@example.org');
		await steward.getByRole('link', { name: 'Start a dataset' }).click();
		await steward.getByLabel('Title').fill('Kitchen help');
		await steward.getByLabel('Short name (in its web address)').fill(SLUG);
		await steward.getByRole('button', { name: 'Create dataset' }).click();
		await steward.getByRole('link', { name: 'Import pairs' }).click();
		await steward.getByLabel('File', { exact: true }).setInputFiles({
			name: 'kitchen.jsonl',
			mimeType: 'application/x-ndjson',
			buffer: Buffer.from(PAIRS.map((p) => JSON.stringify(p)).join('\n') + '\n')
		});
		await steward.getByRole('button', { name: 'Import' }).click();
		await steward.getByRole('heading', { name: `Imported ${PAIRS.length} pairs` }).waitFor();
		await steward.screenshot({ path: screenshotPath('consent-flow-imported'), fullPage: true });

		await publishTerms(1, 'Your votes train open models, not commercial ones.');
		await steward.getByRole('button', { name: 'Open for ranking' }).click();
		await steward.getByRole('button', { name: 'Close ranking' }).waitFor();
		await steward.goto(`${server.url}/datasets/${SLUG}`);
		await expect(steward.getByRole('heading', { name: 'Kitchen help' }).isVisible()).resolves.toBe(true);
	});

	it('has no serious or critical accessibility violations on the import page (axe-core)', async () => {
		// axe is injected as an inline script, which the app's CSP rightly forbids: bypass it here only.
		const context = await browser.newContext({ bypassCSP: true });
		await context.addCookies(await steward.context().cookies());
		const audited = await context.newPage();
		await audited.goto(`${server.url}/datasets/${SLUG}/steward/import`);
		await audited.getByRole('heading', { name: 'Import pairs into Kitchen help' }).waitFor();
		await audited.addScriptTag({ content: readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8') });
		const violations = await audited.evaluate(async () => {
			const axe = (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; help: string }> }> } }).axe;
			return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help }));
		});
		expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
		await context.close();
	});

	it('a volunteer consents and ranks; after a material change they are asked again, and rank on', async () => {
		volunteer = await signUp('volunteer@example.org');
		await volunteer.goto(`${server.url}/datasets/${SLUG}/rank`);
		await volunteer.getByRole('heading', { name: 'Before you rank: the terms for your votes' }).waitFor();
		await volunteer.getByRole('button', { name: /I agree/ }).click();
		await rank(3);

		await publishTerms(2, 'Your votes train open models; we now also keep them for ten years.');
		await volunteer.goto(`${server.url}/datasets/${SLUG}/rank`);
		await volunteer.getByText('These terms changed in a way that matters since you last agreed').waitFor();
		await volunteer.screenshot({ path: screenshotPath('consent-flow-asked-again'), fullPage: true });
		await volunteer.getByRole('button', { name: /I agree/ }).click();
		await rank(1);
	});

	it('the export filter lets out the volunteer’s votes under both versions while they consent', async () => {
		expect(await exportable()).toEqual({ 'volunteer@example.org': 4 });
		await restart();
	});

	it('the volunteer withdraws on My contributions, and the export filter lets none of their votes out', async () => {
		await volunteer.goto(`${server.url}/me`);
		const card = volunteer.getByTestId(`contribution-${SLUG}`);
		await card.getByText('Withdraw from this dataset…').click();
		await card.getByRole('button', { name: 'Yes, withdraw my consent' }).click();
		await volunteer.getByRole('status').filter({ hasText: '4 votes will be left out of every export made from now on' }).waitFor();
		await volunteer.screenshot({ path: screenshotPath('consent-flow-withdrawn'), fullPage: true });
		expect(await exportable()).toEqual({});
	});
});
