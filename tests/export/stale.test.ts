/**
 * An export whose process stopped mid-way (killed, crashed, redeployed) is failed once nobody has
 * said it is alive for a while, and what it froze is dropped; an export still being made says so
 * as it goes, and is left alone.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDriver } from '../../src/lib/server/db/driver';
import { serviceRole, type Member } from '../../src/lib/server/db/port';
import { sqlPort } from '../../src/lib/server/db/sql-adapter';
import { EXPORT_LIFE, failStaleExports, requestExport, runExport } from '../../src/lib/server/export/run';
import type { ExportRequest } from '../../src/lib/server/export/request';
import { backends } from '../support/backends';
import { refusal } from '../support/refusal';
import { createUser } from '../support/users';
import { exportDataset, volunteer } from './fixture';

const SLUG = 'stale';
const REQUEST: ExportRequest = { dataset: SLUG, purpose: 'train-ai', commercial: false, openWeights: true, shape: 'votes', format: 'jsonl' };

for (const backend of backends) {
	describe.skipIf(backend.skip)(`exports whose process stopped, on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
		let driver: SqlDriver;
		let dispose: () => Promise<void>;
		let dir: string;
		let researcher: Member;
		const db = () => sqlPort(driver);
		/** An export asked for and frozen, as a process leaves it when it stops before the pages. */
		const frozen = async () => {
			const id = await requestExport(db(), researcher, REQUEST);
			await db().rpc('export_snapshot', { export_id: id }, serviceRole);
			return id;
		};
		/** Moves every sign of life of an export `minutes` into the past. */
		const silentFor = (id: number, minutes: number) =>
			driver.query(
				`update exports set created_at = created_at - make_interval(mins => $2), started_at = started_at - make_interval(mins => $2),
				        alive_at = alive_at - make_interval(mins => $2) where id = $1`,
				[id, minutes]
			);
		const state = async (id: number) => {
			const [row] = await driver.query<{ status: string; error: string | null; alive_at: string | null }>(
				'select status, error, alive_at from exports where id = $1',
				[id]
			);
			const [frozenRows] = await driver.query<{ n: number }>(
				'select (select count(*) from private.export_votes where export_id = $1) + (select count(*) from private.export_voters where export_id = $1) as n',
				[id]
			);
			return { ...row!, frozenRows: Number(frozenRows!.n) };
		};

		beforeAll(async () => {
			({ driver, dispose } = await backend.fresh());
			dir = await mkdtemp(join(tmpdir(), 'pc-stale-'));
			const steward = await createUser(driver, 'steward');
			researcher = await createUser(driver, 'researcher');
			await exportDataset(driver, steward, SLUG, 2, { allow_train_ai: true });
			await volunteer(driver, SLUG, 'ann', { p1: 'a2', p2: 'b1' });
		});
		afterAll(async () => {
			await dispose?.();
			await rm(dir, { recursive: true, force: true });
		});

		it('fails an export silent for longer than asked, and drops what it froze', async () => {
			const id = await frozen();
			expect(await state(id)).toMatchObject({ status: 'running', frozenRows: 3 });
			expect(await failStaleExports(db())).toEqual([]);
			await silentFor(id, EXPORT_LIFE.staleAfterSeconds / 60 + 1);
			expect(await failStaleExports(db())).toEqual([id]);
			expect(await state(id)).toMatchObject({
				status: 'failed',
				error: 'stopped: the server making it stopped before it finished',
				frozenRows: 0
			});
			expect(await failStaleExports(db())).toEqual([]);
		});

		it('leaves an export that said it is alive since', async () => {
			const id = await frozen();
			await silentFor(id, 60);
			await db().rpc('export_alive', { export_id: id }, serviceRole);
			expect(await failStaleExports(db())).toEqual([]);
			expect((await state(id)).status).toBe('running');
			// With no quiet time allowed, as the embedded server does when it opens, it counts as stopped.
			expect(await failStaleExports(db(), 0)).toEqual([id]);
		});

		it('fails an export asked for whose making never started', async () => {
			const id = await requestExport(db(), researcher, REQUEST);
			await silentFor(id, EXPORT_LIFE.staleAfterSeconds / 60 + 1);
			expect(await failStaleExports(db())).toEqual([id]);
			expect((await state(id)).status).toBe('failed');
		});

		it('says it is alive while it is made, as often as asked', async () => {
			const quiet = await runExport(db(), researcher, REQUEST, join(dir, 'quiet'));
			expect((await state(quiet.exportId)).alive_at).toBeNull();
			const chatty = await runExport(db(), researcher, REQUEST, join(dir, 'chatty'), { aliveEveryMs: 0, pageSize: 1 });
			expect((await state(chatty.exportId)).alive_at).not.toBeNull();
		});

		it('lets only the server fail exports or keep them alive', async () => {
			const id = await frozen();
			expect((await refusal(db().rpc('fail_stale_exports', { quiet_seconds: 0 }, researcher))).isForbidden).toBe(true);
			expect((await refusal(db().rpc('export_alive', { export_id: id }, researcher))).isForbidden).toBe(true);
			expect((await refusal(db().rpc('fail_stale_exports', { quiet_seconds: -1 }, serviceRole))).message).toMatch(/quiet_seconds/);
			expect((await state(id)).status).toBe('running');
			expect(await failStaleExports(db(), 0)).toEqual([id]);
		});
	});
}
