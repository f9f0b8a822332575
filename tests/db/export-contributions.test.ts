/**
 * "My contributions" says how many exports held a volunteer's votes: recorded when an export
 * finishes, readable only by the volunteer, unchanged by a later withdrawal.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDriver } from '../../src/lib/server/db/driver';
import type { Member } from '../../src/lib/server/db/port';
import { runAs, sqlPort } from '../../src/lib/server/db/sql-adapter';
import { runExport } from '../../src/lib/server/export/run';
import { backends } from '../support/backends';
import { createUser } from '../support/users';
import { exportDataset, volunteer } from '../export/fixture';

const SLUG = 'contributions';

for (const backend of backends) {
	describe.skipIf(backend.skip)(`export contributions on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
		let driver: SqlDriver;
		let dispose: () => Promise<void>;
		let dir: string;
		let researcher: Member, ann: Member, bo: Member;
		const exportsIncluding = async (who: Member) => {
			const rows = await sqlPort(driver).rpc<{ slug: string; exports_including: number }[]>('my_contributions', {}, who);
			return rows.find((r) => r.slug === SLUG)?.exports_including;
		};
		const exportAs = async (shape: 'votes' | 'preferences') =>
			runExport(
				sqlPort(driver),
				researcher,
				{ dataset: SLUG, purpose: 'train-ai', commercial: false, openWeights: true, shape, format: 'jsonl' },
				await mkdtemp(join(dir, `${shape}-`))
			);

		beforeAll(async () => {
			({ driver, dispose } = await backend.fresh());
			dir = await mkdtemp(join(tmpdir(), 'pc-contributions-'));
			const steward = await createUser(driver, 'steward');
			researcher = await createUser(driver, 'researcher');
			await exportDataset(driver, steward, SLUG, 2, { allow_train_ai: true });
			// Ann decides both pairs; Bo only ties, so a preferences export holds Bo's votes only
			// where Ann's decide the pair.
			ann = await volunteer(driver, SLUG, 'ann', { p1: 'a2', p2: 'b1' });
			bo = await volunteer(driver, SLUG, 'bo', { p1: 'tie' });
		});
		afterAll(async () => {
			await dispose?.();
			await rm(dir, { recursive: true, force: true });
		});

		it('counts each finished export that held some of a person’s votes', async () => {
			expect(await exportsIncluding(ann)).toBe(0);
			await exportAs('votes');
			await exportAs('preferences');
			expect(await exportsIncluding(ann)).toBe(2);
			expect(await exportsIncluding(bo)).toBe(2);
			const rows = await runAs(driver, ann, (tx) => tx.query<{ votes: number }>('select votes from export_contributions order by export_id'));
			expect(rows.map((r) => r.votes)).toEqual([2, 2]);
		});

		it('lets nobody read another person’s record, or write one', async () => {
			const seen = await runAs(driver, bo, (tx) => tx.query<{ user_id: string }>('select user_id from export_contributions'));
			expect(new Set(seen.map((r) => r.user_id))).toEqual(new Set([bo.userId]));
			await expect(
				runAs(driver, bo, (tx) => tx.query('insert into export_contributions (export_id, dataset_id, user_id, votes) select id, dataset_id, $1, 1 from exports limit 1', [bo.userId]))
			).rejects.toMatchObject({ code: '42501' });
		});

		it('holds each record to its export’s own dataset', async () => {
			const [mine] = await driver.query<{ export_id: number }>(
				'select export_id from export_contributions where user_id = $1 limit 1',
				[ann.userId]
			);
			const [other] = await driver.query<{ id: number }>(`insert into datasets (slug, title) values ('elsewhere', 'Elsewhere') returning id`);
			await expect(
				driver.query('update export_contributions set dataset_id = $1 where export_id = $2 and user_id = $3', [other!.id, mine!.export_id, ann.userId])
			).rejects.toMatchObject({ code: '23503' });
			await driver.query('delete from datasets where id = $1', [other!.id]);
		});

		it('keeps the record after a withdrawal; the next export leaves the person out', async () => {
			await sqlPort(driver).rpc('withdraw_consent', { dataset_slug: SLUG }, bo);
			await exportAs('votes');
			expect(await exportsIncluding(bo)).toBe(2);
			expect(await exportsIncluding(ann)).toBe(3);
		});
	});
}
