/**
 * A researcher downloads consented preferences from the built server: with curl-style requests
 * and a personal API token, with the command-line entry, and in a real browser. The database is
 * prepared first (the demo dataset, volunteers who consent and vote), then the server is
 * started on it, as `npm start` would.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { localAccounts } from '../../src/lib/server/auth/local-accounts';
import { openPglite } from '../../src/lib/server/db/pglite-driver';
import { asUser, serviceRole, type Member } from '../../src/lib/server/db/port';
import { prepareDatabase } from '../../src/lib/server/db/setup';
import { sqlPort } from '../../src/lib/server/db/sql-adapter';
import { requestExport } from '../../src/lib/server/export/run';
import { browserSkip, launchBrowser, screenshotPath } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';
import { createUser } from '../support/users';

const SLUG = 'helpful-everyday-answers';
const RESEARCHER = 'researcher@example.org';
const PASSWORD = 'correct horse battery staple';
const VOTES_EACH = 4;

/** Volunteers who consent and vote through the real functions, before the server starts. */
async function prepare(dataDir: string) {
	const driver = await openPglite(dataDir);
	try {
		await prepareDatabase(driver, { demoData: true });
		const db = sqlPort(driver);
		const session = await localAccounts(driver, db).signUp({ email: RESEARCHER, password: PASSWORD, displayName: 'Researcher' });
		const researcher = asUser(session.user.id, RESEARCHER);
		// The demo dataset has no steward account; this researcher also stewards it, to see its exports.
		await driver.query(
			`insert into dataset_stewards (dataset_id, user_id) select id, $1 from datasets where slug = $2`,
			[researcher.userId, SLUG]
		);
		const token = await db.rpc<string>('create_api_token', { name: 'e2e' }, researcher);
		const revoked = await db.rpc<string>('create_api_token', { name: 'old' }, researcher);
		const old = (await db.rpc<{ id: number; name: string }[]>('list_api_tokens', {}, researcher)).find((t) => t.name === 'old');
		await db.rpc('revoke_api_token', { token_id: old!.id }, researcher);
		// Someone else's draft: not the researcher's to export.
		const other = await createUser(driver, 'other-steward');
		await db.rpc('create_dataset', { slug: 'a-draft', title: 'A draft' }, other);
		const volunteers: Member[] = [];
		for (const [name, credit] of [['ada', 'named'], ['bo', 'pseudonymous'], ['cy', 'pseudonymous']] as const) {
			const v = await createUser(driver, name);
			await db.rpc('give_consent', { dataset_slug: SLUG, credit, credit_name: credit === 'named' ? 'Ada L.' : undefined }, v);
			for (let i = 0; i < VOTES_EACH; i++) {
				const [task] = await db.rpc<{ assignment_id: number }[]>('next_pair', { dataset_slug: SLUG }, v);
				await db.rpc('submit_vote', { assignment_id: task!.assignment_id, choice: i % 2 ? 'left-better' : 'right-much-better' }, v);
			}
			volunteers.push(v);
		}
		return { token, revoked };
	} finally {
		await driver.close();
	}
}

describe('a researcher downloads an export', () => {
	let dataDir: string, exportsDir: string, outDir: string;
	let server: RunningServer;
	let token: string, revoked: string;
	const api = (path: string, init: RequestInit = {}, bearer: string | null = token) =>
		fetch(`${server.url}${path}`, { ...init, headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...init.headers } });

	beforeAll(async () => {
		dataDir = mkdtempSync(join(tmpdir(), 'pc-e2e-export-'));
		exportsDir = mkdtempSync(join(tmpdir(), 'pc-e2e-exports-'));
		outDir = mkdtempSync(join(tmpdir(), 'pc-e2e-cli-'));
		({ token, revoked } = await prepare(dataDir));
		server = await startServer({ DATA_DIR: dataDir, EXPORTS_DIR: exportsDir });
	});
	afterAll(async () => {
		await server?.stop();
		for (const dir of [dataDir, exportsDir, outDir]) if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('with curl: one GET answers the data file, one vote a line, and points to the manifest', async () => {
		const res = await api(`/api/v1/datasets/${SLUG}/export?purpose=train-ai&open_weights=yes&shape=votes&format=jsonl&accept_terms=yes`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^application\/jsonl/);
		const id = res.headers.get('x-export-id');
		expect(res.headers.get('link')).toBe(`<${server.url}/api/v1/exports/${id}/files/manifest.json>; rel="describedby"`);
		const rows = (await res.text()).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
		expect(rows).toHaveLength(3 * VOTES_EACH);
		expect(new Set(rows.map((r) => r.annotator_pid)).size).toBe(3);
		expect(JSON.stringify(rows)).not.toMatch(/@example\.org/);
		const manifest = await (await api(`/api/v1/exports/${id}/files/manifest.json`)).json();
		expect(manifest).toMatchObject({ export_id: Number(id), purpose: 'train-ai', shape: 'votes', format: 'jsonl' });
	});

	it('refuses without a token, with a revoked one, for a dataset not theirs to export, and names a bad field', async () => {
		const query = 'purpose=train-ai&open_weights=yes&accept_terms=yes';
		const anonymous = await api(`/api/v1/datasets/${SLUG}/export?${query}`, {}, null);
		expect(anonymous.status).toBe(401);
		const old = await api(`/api/v1/datasets/${SLUG}/export?${query}`, {}, revoked);
		expect(old.status).toBe(401);
		expect((await old.json()).error).toMatch(/revoked|expired|unknown/i);
		const draft = await api(`/api/v1/datasets/a-draft/export?${query}`);
		expect(draft.status).toBe(404);
		expect(await draft.json()).toEqual({ error: 'no dataset "a-draft"' });
		const bad = await api(`/api/v1/datasets/${SLUG}/export?purpose=train-ai&open_weights=yes&accept_terms=yes&min_agreement=2`);
		expect(bad.status).toBe(400);
		expect((await bad.json()).error).toMatch(/^min_agreement: /);
		const unaccepted = await api(`/api/v1/datasets/${SLUG}/export?purpose=train-ai&open_weights=yes`);
		expect((await unaccepted.json()).error).toMatch(/^accept_terms: Accept the dataset's terms/);
	});

	it('for a use the terms forbid, the export is empty and its card says why', async () => {
		const res = await api(`/api/v1/datasets/${SLUG}/exports`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ purpose: 'train-ai', commercial: true, open_weights: true, shape: 'votes', format: 'jsonl', accept_terms: true })
		});
		expect(res.status).toBe(201);
		const { id, manifest, files } = await res.json();
		expect(manifest.row_counts).toEqual({ [manifest.files[0].path]: 0 });
		const card = await (await api(new URL(files['README.md']).pathname)).text();
		expect(card).toMatch(/Why some votes are missing/);
		expect(card).toMatch(/commercial/i);
		expect(id).toBeGreaterThan(0);
	});

	it('with the command line: a folder with the data, a dataset card, Croissant and a manifest that hashes them', () => {
		const run = spawnSync(
			process.execPath,
			['scripts/commons.js', 'export', '--server', server.url, '--dataset', SLUG, '--out', outDir, '--accept-terms', '--min-votes', '1'],
			{ env: { ...process.env, COMMONS_TOKEN: token }, encoding: 'utf8' }
		);
		expect(run.status, run.stderr).toBe(0);
		const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'));
		expect(manifest).toMatchObject({ purpose: 'train-ai', shape: 'preferences', format: 'parquet' });
		for (const file of manifest.files as { path: string; sha256: string }[]) {
			expect(createHash('sha256').update(readFileSync(join(outDir, file.path))).digest('hex'), file.path).toBe(file.sha256);
		}
		const card = readFileSync(join(outDir, 'README.md'), 'utf8');
		const front = parseYaml(card.split(/^---$/m)[1]!) as Record<string, unknown>;
		expect(front).toMatchObject({ annotations_creators: ['crowdsourced'], license: 'cc-by-nc-4.0' });
		expect(card).toContain('Ada L.');
		// The figures the database counted when it froze the export's votes.
		expect(card).toMatch(/Krippendorff's alpha \(ordinal/);
		expect(card).toMatch(/Position bias: /);
		const croissant = JSON.parse(readFileSync(join(outDir, 'croissant.json'), 'utf8'));
		expect(JSON.stringify(croissant.conformsTo)).toMatch(/croissant/);
		expect(existsSync(join(outDir, 'data', 'train.parquet'))).toBe(true);
	});

	it('the Parquet file holds TRL preference rows: prompt, chosen and rejected as messages', async () => {
		const bytes = readFileSync(join(outDir, 'data', 'train.parquet'));
		const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), compressors });
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) {
			expect(row.prompt.at(-1).role).toBe('user');
			expect(row.chosen.every((m: { role: string }) => m.role === 'assistant')).toBe(true);
			expect(row.rejected.every((m: { role: string }) => m.role === 'assistant')).toBe(true);
		}
	});

	describe.skipIf(browserSkip)('in a real browser', () => {
		let browser: Browser;
		beforeAll(async () => (browser = await launchBrowser()));
		afterAll(() => browser?.close());

		it('declares a use, accepts the terms, watches the export finish and downloads its card', async () => {
			const page = await browser.newPage();
			await page.goto(`${server.url}/signin?next=/datasets/${SLUG}/export`);
			await page.getByLabel('Email').fill(RESEARCHER);
			await page.getByLabel('Password').fill(PASSWORD);
			await page.getByRole('button', { name: 'Sign in' }).click();
			await page.getByRole('heading', { name: 'Download the consented preferences' }).waitFor();
			await page.getByRole('button', { name: 'Make the export' }).click();
			await page.getByText("Say whether the trained model's weights will be released.").waitFor();
			await page.getByRole('group', { name: /weights/ }).getByLabel('Yes').check();
			await page.getByLabel(/I will use this data only as I declared/).check();
			await page.getByRole('button', { name: 'Make the export' }).click();
			await page.getByText(/^Ready: /).waitFor();
			await page.screenshot({ path: screenshotPath('export-ready'), fullPage: true });
			const download = page.waitForEvent('download');
			await page.getByRole('link', { name: 'README.md' }).click();
			expect((await download).suggestedFilename()).toBe('README.md');
			const id = new URL(page.url()).pathname.split('/').pop();

			// A steward sees every export ever made of the dataset: the API's, the CLI's, this one.
			await page.goto(`${server.url}/datasets/${SLUG}/steward`);
			const listed = page.getByRole('region', { name: 'Exports' }).getByRole('link', { name: /^Export \d+$/ });
			expect(await listed.count()).toBeGreaterThanOrEqual(4);
			await expect(page.getByRole('link', { name: `Export ${id}`, exact: true }).isVisible()).resolves.toBe(true);
			await page.close();
		});
	});

	it('after a crash mid-export, the restarted server fails that export and removes its partial folder', async () => {
		await server.stop('SIGKILL');
		// What the killed server had done: asked for the export, frozen its votes, begun its folder.
		const driver = await openPglite(dataDir);
		let id: number;
		try {
			const db = sqlPort(driver);
			const [me] = await driver.query<{ id: string }>('select id from auth.users where email = $1', [RESEARCHER]);
			id = await requestExport(db, asUser(me!.id, RESEARCHER), {
				dataset: SLUG,
				purpose: 'train-ai',
				commercial: false,
				openWeights: true,
				shape: 'votes',
				format: 'parquet'
			});
			await db.rpc('export_snapshot', { export_id: id }, serviceRole);
		} finally {
			await driver.close();
		}
		const partial = join(exportsDir, `${id}.partial`);
		mkdirSync(join(partial, 'data'), { recursive: true });

		server = await startServer({ DATA_DIR: dataDir, EXPORTS_DIR: exportsDir });
		expect(existsSync(partial)).toBe(false);
		await server.stop();
		const after = await openPglite(dataDir);
		try {
			const [row] = await after.query<{ status: string; error: string }>('select status, error from exports where id = $1', [id]);
			expect(row).toEqual({ status: 'failed', error: 'stopped: the server making it stopped before it finished' });
			const [frozen] = await after.query<{ n: number }>('select count(*)::int as n from private.export_votes');
			expect(frozen!.n).toBe(0);
		} finally {
			await after.close();
		}
	});
});
