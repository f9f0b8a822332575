import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDriver } from '../../src/lib/server/db/driver';
import { openPglite } from '../../src/lib/server/db/pglite-driver';
import { prepareDatabase } from '../../src/lib/server/db/setup';
import { browserSkip, launchBrowser, screenshotPath } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';

const DEMO = 'helpful-everyday-answers';
const XSS = 'xss-check';
const PAYLOAD_A = 'An image: <img src=x onerror="window.__pwned=1"> and a script: <script>window.__pwned=2</script>';
const PAYLOAD_B = '<svg onload="window.__pwned=3"></svg> [click](javascript:window.__pwned=4)';

/** The key pressed for each of five pairs, and what the database must then hold for it. */
const KEYS = ['1', '2', '3', '4', '0'] as const;
function expectedVote(key: string, shownLeft: 'a' | 'b') {
	const right = shownLeft === 'a' ? 'b' : 'a';
	return {
		'1': { winner: shownLeft, strength: 2 },
		'2': { winner: shownLeft, strength: 1 },
		'3': { winner: 'tie', strength: null },
		'4': { winner: right, strength: 1 },
		'5': { winner: right, strength: 2 },
		'0': { winner: 'both_bad', strength: null }
	}[key]!;
}

const letters = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '');

/** Adds a one-pair dataset whose responses carry script payloads, as the owner, before start. */
async function addXssDataset(driver: SqlDriver) {
	await driver.transaction(async (tx) => {
		const [d] = await tx.query<{ id: number }>(
			`insert into datasets (slug, title, description) values ($1, 'XSS check', 'Responses with markup in them') returning id`,
			[XSS]
		);
		await tx.query(
			`insert into pairs (dataset_id, prompt, response_a, response_b)
			 values ($1, '[{"role":"user","content":"Show me some HTML"}]',
			         jsonb_build_array(jsonb_build_object('role', 'assistant', 'content', $2::text)),
			         jsonb_build_array(jsonb_build_object('role', 'assistant', 'content', $3::text)))`,
			[d!.id, PAYLOAD_A, PAYLOAD_B]
		);
		await tx.query(
			`insert into terms_versions (dataset_id, version, summary, full_text, contact, status, published_at)
			 values ($1, 1, 'Test terms', 'Test terms', 'steward@example.org', 'published', now())`,
			[d!.id]
		);
		await tx.query(`update datasets set status = 'open' where id = $1`, [d!.id]);
	});
}

if (browserSkip) console.warn(`\n[e2e] ${browserSkip}\n`);

describe.skipIf(browserSkip)('a volunteer ranks pairs in a real browser', () => {
	let dataDir: string;
	let server: RunningServer;
	let browser: Browser;
	let page: Page;
	const shown: Array<{ key: string; assignmentId: number; left: string }> = [];

	beforeAll(async () => {
		dataDir = mkdtempSync(join(tmpdir(), 'pc-e2e-rank-'));
		const driver = await openPglite(dataDir);
		await prepareDatabase(driver, { demoData: true });
		await addXssDataset(driver);
		await driver.close();
		[server, browser] = await Promise.all([startServer({ DATA_DIR: dataDir }), launchBrowser()]);
		page = await browser.newPage();
		page.on('dialog', (d) => {
			throw new Error(`a dialog opened: ${d.message()}`);
		});
		await page.goto(`${server.url}/signup`);
		await page.getByLabel('Email').fill('ranker@example.org');
		await page.getByLabel('Password').fill('correct horse battery');
		await page.getByRole('button', { name: 'Sign up' }).click();
		await page.getByTestId('signed-in-as').waitFor();
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		rmSync(dataDir, { recursive: true, force: true });
	});

	const progress = () => page.getByTestId('progress').textContent();
	const assignmentId = async () =>
		Number(await page.locator('form[action="?/vote"] input[name="assignmentId"]').inputValue());

	it('asks for consent first, then ranks five pairs by keyboard alone, with an undo', async () => {
		await page.goto(`${server.url}/datasets/${DEMO}/rank`);
		await page.getByRole('heading', { name: 'Before you rank: the terms for your votes' }).waitFor();
		await page.getByRole('button', { name: /I agree/ }).click();
		await page.getByText('Which response is better?').waitFor();
		await page.screenshot({ path: screenshotPath('rank-desktop'), fullPage: true });

		for (const [i, key] of KEYS.entries()) {
			shown.push({ key, assignmentId: await assignmentId(), left: await page.getByTestId('response-left').locator('.markdown').first().innerText() });
			await page.keyboard.press(key);
			await page.keyboard.press('Enter');
			await page.waitForFunction((n) => document.querySelector('[data-testid="progress"]')?.textContent?.includes(`${n} today`), i + 1);
		}
		expect(await progress()).toContain('5 today');

		// Undo the last vote: its pair comes back, and is answered differently.
		await page.keyboard.press('u');
		await page.waitForFunction(() => document.querySelector('[data-testid="progress"]')?.textContent?.includes('4 today'));
		expect(await assignmentId()).toBe(shown[4]!.assignmentId);
		shown[4] = { ...shown[4]!, key: '5' };
		await page.keyboard.press('5');
		await page.keyboard.press('Enter');
		await page.waitForFunction(() => document.querySelector('[data-testid="progress"]')?.textContent?.includes('5 today'));
	});

	it('shows markup inside responses as text and runs none of it, then skips to the end', async () => {
		await page.goto(`${server.url}/datasets/${XSS}/rank`);
		await page.getByRole('button', { name: /I agree/ }).click();
		await page.getByText('Which response is better?').waitFor();
		const text = await page.locator('.responses').innerText();
		expect(text).toContain('<img src=x onerror="window.__pwned=1">');
		expect(text).toContain('<script>window.__pwned=2</script>');
		expect(text).toContain('<svg onload="window.__pwned=3"></svg>');
		expect(await page.locator('.responses img, .responses script, .responses svg').count()).toBe(0);
		expect(await page.locator('.responses a[href^="javascript"]').count()).toBe(0);
		expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
		await page.screenshot({ path: screenshotPath('rank-xss-as-text'), fullPage: true });

		// Skipping the only pair leaves nothing to rank, and the page says where to go instead.
		await page.keyboard.press('s');
		await page.getByRole('heading', { name: 'Nothing left for you here' }).waitFor();
		await expect(page.getByRole('link', { name: 'See other datasets' }).isVisible()).resolves.toBe(true);
	});

	it('fits a phone screen', async () => {
		const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
		await phone.context().addCookies(await page.context().cookies());
		await phone.goto(`${server.url}/datasets/${DEMO}/rank`);
		await phone.getByText('Which response is better?').waitFor();
		const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		await phone.screenshot({ path: screenshotPath('rank-phone'), fullPage: true });
		await phone.close();
	});

	it('has no serious or critical accessibility violations (axe-core)', async () => {
		// axe is injected as an inline script, which the app's CSP rightly forbids: bypass it here only.
		const context = await browser.newContext({ bypassCSP: true });
		await context.addCookies(await page.context().cookies());
		const audited = await context.newPage();
		await audited.goto(`${server.url}/datasets/${DEMO}/rank`);
		await audited.getByText('Which response is better?').waitFor();
		const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
		await audited.addScriptTag({ content: axeSource });
		const violations = await audited.evaluate(async () => {
			const axe = (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; help: string }> }> } }).axe;
			return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help }));
		});
		expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
		await context.close();
	});

	it('downloads their own votes and withdraws, with one confirmation', async () => {
		await page.goto(`${server.url}/me`);
		const card = page.getByTestId(`contribution-${DEMO}`);
		await expect(card.getByText('5 votes in later exports').isVisible()).resolves.toBe(true);

		const download = await page.request.get(`${server.url}/me/${DEMO}/votes.jsonl`);
		const lines = (await download.text()).trim().split('\n').map((l) => JSON.parse(l) as { vote_id: number; withdrawn: boolean });
		expect(lines.map((l) => l.vote_id)).toHaveLength(5);
		expect(lines.every((l) => !l.withdrawn)).toBe(true);

		await card.getByText('Withdraw from this dataset…').click();
		await expect(card.getByText('does not change exports already made, nor models').isVisible()).resolves.toBe(true);
		await card.getByRole('button', { name: 'Yes, withdraw my consent' }).click();
		await page.getByRole('status').filter({ hasText: '5 votes will be left out of every export made from now on' }).waitFor();
		await expect(page.getByTestId(`contribution-${DEMO}`).getByText('5 votes withdrawn').isVisible()).resolves.toBe(true);
		await page.screenshot({ path: screenshotPath('my-contributions-withdrawn'), fullPage: true });
	});

	it('stored exactly the votes chosen, with the side each response was shown on', async () => {
		await server.stop();
		const driver = await openPglite(dataDir);
		try {
			const votes = await driver.query<{
				assignment_id: number; winner: string; strength: number | null; shown_left: 'a' | 'b'; response_a: string; response_b: string;
			}>(
				`select v.assignment_id, v.winner, v.strength, v.shown_left,
				        p.response_a -> 0 ->> 'content' as response_a, p.response_b -> 0 ->> 'content' as response_b
				 from votes v join pairs p on p.id = v.pair_id join datasets d on d.id = v.dataset_id
				 where d.slug = $1 order by v.id`,
				[DEMO]
			);
			expect(votes.map((v) => v.assignment_id)).toEqual(shown.map((s) => s.assignmentId));
			for (const [i, vote] of votes.entries()) {
				const seen = shown[i]!;
				// The left response's text (markdown rendered, so compared by its letters) is the one shown_left names.
				const leftLetters = letters(seen.left).slice(0, 60);
				const shownLeft = vote.shown_left === 'a' ? vote.response_a : vote.response_b;
				const shownRight = vote.shown_left === 'a' ? vote.response_b : vote.response_a;
				expect(letters(shownLeft)).toContain(leftLetters);
				expect(letters(shownRight)).not.toContain(leftLetters);
				expect({ winner: vote.winner, strength: vote.strength }).toEqual(expectedVote(seen.key, vote.shown_left));
			}
			// Withdrawn: the export filter lets none of them out, for any purpose.
			const [dataset] = await driver.query<{ id: number }>('select id from datasets where slug = $1', [DEMO]);
			for (const purpose of ['train-ai', 'evaluate', 'publish']) {
				const out = await driver.query('select id from private.exportable_votes($1, $2, false, true)', [dataset!.id, purpose]);
				expect(out).toEqual([]);
			}
		} finally {
			await driver.close();
		}
	});
});
