import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parquetFile } from '../import/parquet-files';
import { browserSkip, launchBrowser, screenshotPath, signUpInBrowser } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';

if (browserSkip) console.warn(`\n[e2e] ${browserSkip}\n`);

const jsonlOf = (rows: unknown[]) => Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
/** POSTs headers that announce a body, sends none of it, and reads the answer. */
function headersOnly(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = request(url, { method: 'POST', headers }, (res) => {
			let body = '';
			res.on('data', (c: Buffer) => (body += c.toString()));
			res.on('end', () => {
				req.destroy();
				resolve({ status: res.statusCode ?? 0, body });
			});
		});
		req.on('error', reject);
		req.flushHeaders();
	});
}

const pair = (i: number) => ({ prompt: `Question ${i}?`, response_a: `Answer A${i}`, response_b: `Answer B${i}` });

describe.skipIf(browserSkip)('a steward imports pairs on the upload page', () => {
	let dataDir: string;
	let server: RunningServer;
	let browser: Browser;
	let steward: Page;
	let stranger: Page;

	const signUp = (email: string, javaScriptEnabled = true) => signUpInBrowser(browser, server.url, email, javaScriptEnabled);

	async function upload(page: Page, name: string, buffer: Buffer, format?: string) {
		await page.goto(`${server.url}/datasets/imports/steward/import`);
		await page.getByLabel('File', { exact: true }).setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
		if (format) await page.getByLabel('Format').selectOption(format);
		await page.getByRole('button', { name: 'Import' }).click();
		return page.locator('section.outcome');
	}

	beforeAll(async () => {
		dataDir = mkdtempSync(join(tmpdir(), 'pc-e2e-import-'));
		[server, browser] = await Promise.all([startServer({ DATA_DIR: dataDir, DEMO_DATA: '0' }), launchBrowser()]);
		steward = await signUp('steward@example.org');
		stranger = await signUp('stranger@example.org');
		await steward.goto(`${server.url}/datasets/new`);
		await steward.getByLabel('Title').fill('Imports');
		await steward.getByLabel('Short name (in its web address)').fill('imports');
		await steward.getByRole('button', { name: 'Create dataset' }).click();
		await steward.getByRole('link', { name: 'Import pairs' }).click();
		await steward.getByRole('heading', { name: 'Import pairs into Imports' }).waitFor();
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		rmSync(dataDir, { recursive: true, force: true });
	});

	it('states the limits and formats, lists every problem of a bad file, and imports nothing', async () => {
		await expect(steward.getByText('Files up to 50 MB, at most 200,000 rows').isVisible()).resolves.toBe(true);
		const outcome = await upload(steward, 'bad.jsonl', jsonlOf([pair(1), { prompt: 'Q', response_a: 'A', response_b: ' ' }, { prompt: 'Q' }]));
		await outcome.getByRole('heading', { name: 'Nothing was imported' }).waitFor();
		const problems = await outcome.getByRole('listitem').allTextContents();
		expect(problems[0]).toBe('row 2: response_b is empty');
		expect(problems[1]).toMatch(/^row 3: is not a pair/);
		await steward.screenshot({ path: screenshotPath('import-problems'), fullPage: true });
		await steward.goto(`${server.url}/datasets/imports/steward`);
		await expect(steward.getByText('0 pairs').isVisible()).resolves.toBe(true);
	});

	it('imports a good file, then skips its pairs as duplicates by row', async () => {
		const file = jsonlOf(Array.from({ length: 30 }, (_, i) => pair(i + 1)));
		const outcome = await upload(steward, 'pairs.jsonl', file);
		await outcome.getByRole('heading', { name: 'Imported 30 pairs' }).waitFor();
		const again = await upload(steward, 'pairs.jsonl', jsonlOf([pair(31), pair(2), pair(5)]));
		await again.getByRole('heading', { name: 'Imported 1 pair' }).waitFor();
		await again.getByText('Skipped 2 duplicate pairs').waitFor();
		expect(await again.textContent()).toMatch(/rows\s+2, 3\./);
		await steward.screenshot({ path: screenshotPath('import-done'), fullPage: true });
	});

	it('reads Parquet, and a name that says no format when the steward chooses it', async () => {
		const parquet = Buffer.from(
			parquetFile([
				{ name: 'prompt', data: ['Parquet Q?'], type: 'STRING' },
				{ name: 'response_a', data: ['PA'], type: 'STRING' },
				{ name: 'response_b', data: ['PB'], type: 'STRING' }
			])
		);
		const unnamed = await upload(steward, 'export.bin', parquet);
		await unnamed.getByText('does not say its format').waitFor();
		const chosen = await upload(steward, 'export.bin', parquet, 'parquet');
		await chosen.getByRole('heading', { name: 'Imported 1 pair' }).waitFor();
	});

	it('works without JavaScript through the plain form', async () => {
		const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
		await page.context().addCookies(await steward.context().cookies());
		const outcome = await upload(page, 'more.csv', Buffer.from('prompt,response_a,response_b\nCSV Q?,CA,CB\n'));
		await outcome.getByRole('heading', { name: 'Imported 1 pair' }).waitFor();
		const bad = await upload(page, 'more.csv', Buffer.from('prompt,response_a,response_b\nCSV Q2?,,CB\n'));
		await bad.getByText('row 1: response_a is empty').waitFor();
		await page.context().close();
	});

	it('refuses a file over the limit with a clear message, before reading it', async () => {
		// Only the header is sent: the server must answer from it, before any of the body arrives.
		const big = await headersOnly(`${server.url}/datasets/imports/steward/import/upload?format=jsonl`, {
			'content-type': 'application/octet-stream',
			'content-length': String(51 * 1024 * 1024),
			cookie: (await steward.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ')
		});
		expect(big).toMatchObject({ status: 413 });
		expect(big.body).toContain('larger than the 50 MB import limit');
		const other = await steward.request.post(`${server.url}/signin`, {
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
			data: 'x='.padEnd(600 * 1024, 'a')
		});
		expect(other.status()).toBe(413);
	});

	it('keeps the page and the upload to stewards', async () => {
		// A draft dataset is hidden from everyone but its stewards.
		expect((await stranger.goto(`${server.url}/datasets/imports/steward/import`))?.status()).toBe(404);
		const response = await stranger.request.post(`${server.url}/datasets/imports/steward/import/upload?format=jsonl`, {
			headers: { 'content-type': 'application/octet-stream' },
			data: jsonlOf([pair(99)])
		});
		expect(response.status()).toBe(403);
		expect(await response.text()).toContain('Only the stewards of this dataset can import pairs into it.');
		const form = await stranger.request.post(`${server.url}/datasets/imports/steward/import/upload?format=jsonl`, {
			headers: { 'content-type': 'text/plain' },
			data: 'x'
		});
		expect([403, 415]).toContain(form.status());
	});

	it('lets the steward add a co-steward by email, who may then import, and remove them again', async () => {
		await steward.goto(`${server.url}/datasets/imports/steward`);
		const field = steward.getByLabel('Add a steward by the email they signed up with');
		await field.fill('nobody@example.org');
		await steward.getByRole('button', { name: 'Add steward' }).click();
		await steward.getByText('nobody has an account with the email nobody@example.org: ask them to sign up first').waitFor();
		await steward.getByLabel('Add a steward by the email they signed up with').fill('Stranger@example.org');
		await steward.getByRole('button', { name: 'Add steward' }).click();
		await steward.getByRole('status').filter({ hasText: 'stranger@example.org is now a steward.' }).waitFor();
		await expect(steward.getByRole('listitem').filter({ hasText: 'steward@example.org (you)' }).isVisible()).resolves.toBe(true);
		await steward.screenshot({ path: screenshotPath('co-stewards'), fullPage: true });
		const outcome = await upload(stranger, 'theirs.jsonl', jsonlOf([pair(200)]));
		await outcome.getByRole('heading', { name: 'Imported 1 pair' }).waitFor();

		await steward.goto(`${server.url}/datasets/imports/steward`);
		await steward.getByRole('button', { name: 'Remove stranger@example.org as steward' }).click();
		await steward.getByRole('status').filter({ hasText: 'stranger@example.org is no longer a steward.' }).waitFor();
		// The last steward is offered no way to remove themselves.
		await expect(steward.getByRole('button', { name: /^Remove / }).count()).resolves.toBe(0);
		expect((await stranger.goto(`${server.url}/datasets/imports/steward/import`))?.status()).toBe(404);
	});
});
