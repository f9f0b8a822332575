import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDriver } from '../../src/lib/server/db/driver';
import type { Member } from '../../src/lib/server/db/port';
import { runAs, sqlPort } from '../../src/lib/server/db/sql-adapter';
import { backends } from '../support/backends';
import { openDataset, publishTerms } from '../support/datasets';
import { refusal } from '../support/refusal';
import { createUser } from '../support/users';

type Next = { assignment_id: number; pair_id: number };

for (const backend of backends) {
	describe.skipIf(backend.skip)(`the consent lifecycle on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
		let driver: SqlDriver;
		let dispose: () => Promise<void>;
		let steward: Member;
		const rpc = <T>(fn: string, args: Record<string, unknown>, who: Member) => sqlPort(driver).rpc<T>(fn, args, who);
		const consent = (who: Member, slug: string) => rpc('give_consent', { dataset_slug: slug }, who);

		/** Takes the next pair and votes a tie on it. */
		async function voteOnce(who: Member, slug: string) {
			const [a] = await rpc<Next[]>('next_pair', { dataset_slug: slug }, who);
			await rpc('submit_vote', { assignment_id: a!.assignment_id, choice: 'tie' }, who);
		}
		const votesOf = (who: Member) =>
			driver.query<{ id: number; terms_version: number }>(
				`select v.id, t.version as terms_version from votes v join terms_versions t on t.id = v.terms_version_id
				 where v.user_id = $1 order by v.id`,
				[who.userId]
			);
		/** What the export filter lets out, as the owner (export code's connection). */
		const exportable = (datasetId: number, purpose: string, commercial = false, openWeights = true) =>
			driver
				.query<{ id: number }>('select id from private.exportable_votes($1, $2, $3, $4) order by id', [
					datasetId,
					purpose,
					commercial,
					openWeights
				])
				.then((rows) => rows.map((r) => r.id));

		beforeAll(async () => {
			({ driver, dispose } = await backend.fresh());
			steward = await createUser(driver, 'steward');
		});
		afterAll(() => dispose?.());

		it('asks for consent again after a material change, not after a minor one; old votes keep their version', async () => {
			const id = await openDataset(driver, steward, 'material', { pairs: 6, overlapTarget: 3, terms: { allow_train_ai: true } });
			const vi = await createUser(driver, 'vi');
			await consent(vi, 'material');
			await voteOnce(vi, 'material');

			await publishTerms(driver, steward, id, { material: true, allow_train_ai: true });
			const stale = await refusal(rpc('next_pair', { dataset_slug: 'material' }, vi));
			expect(stale.code).toBe('42501');
			expect(stale.message).toMatch(/changed; read and accept them again/);

			await consent(vi, 'material');
			await voteOnce(vi, 'material');
			await publishTerms(driver, steward, id, { material: false, allow_train_ai: true });
			await voteOnce(vi, 'material');
			expect((await votesOf(vi)).map((v) => v.terms_version)).toEqual([1, 2, 2]);

			const consents = await driver.query<{ version: number; superseded: boolean; withdrawn: boolean }>(
				`select t.version, c.superseded_at is not null as superseded, c.withdrawn_at is not null as withdrawn
				 from consents c join terms_versions t on t.id = c.terms_version_id where c.user_id = $1 order by c.id`,
				[vi.userId]
			);
			expect(consents).toEqual([
				{ version: 1, superseded: true, withdrawn: false },
				{ version: 2, superseded: false, withdrawn: false }
			]);
			// Votes under a superseded consent are still exportable: superseding is not withdrawing.
			expect(await exportable(id, 'train-ai')).toEqual((await votesOf(vi)).map((v) => v.id));
		});

		it('withdraws every vote at once; consenting again does not bring them back, restoring does', async () => {
			const id = await openDataset(driver, steward, 'withdraw', { pairs: 6, overlapTarget: 3, terms: { allow_evaluate: true } });
			const wu = await createUser(driver, 'wu');
			const other = await createUser(driver, 'other');
			await consent(wu, 'withdraw');
			await voteOnce(wu, 'withdraw');
			await publishTerms(driver, steward, id, { material: true, allow_evaluate: true });
			await consent(wu, 'withdraw');
			await consent(other, 'withdraw');
			await voteOnce(wu, 'withdraw');
			await voteOnce(other, 'withdraw');
			const [wuFirst, wuSecond] = (await votesOf(wu)).map((v) => v.id) as [number, number];
			const [othersVote] = (await votesOf(other)).map((v) => v.id) as [number];

			expect(await rpc<number>('withdraw_consent', { dataset_slug: 'withdraw' }, wu)).toBe(2);
			expect(await exportable(id, 'evaluate')).toEqual([othersVote]);
			expect((await refusal(rpc('next_pair', { dataset_slug: 'withdraw' }, wu))).code).toBe('42501');

			await consent(wu, 'withdraw');
			await voteOnce(wu, 'withdraw');
			const third = (await votesOf(wu)).at(-1)!.id;
			expect(await exportable(id, 'evaluate')).toEqual([othersVote, third].sort((a, b) => a - b));

			expect(await rpc<number>('restore_votes', { dataset_slug: 'withdraw' }, wu)).toBe(2);
			expect(await exportable(id, 'evaluate')).toEqual([wuFirst, wuSecond, othersVote, third].sort((a, b) => a - b));
			expect((await votesOf(wu)).map((v) => v.terms_version)).toEqual([1, 2, 2]);
		});

		it('keeps an append-only log that stewards and the person concerned can read', async () => {
			const id = await openDataset(driver, steward, 'audit', { pairs: 2, overlapTarget: 1 });
			const xi = await createUser(driver, 'xi');
			const stranger = await createUser(driver, 'stranger');
			await consent(xi, 'audit');
			await rpc('withdraw_consent', { dataset_slug: 'audit' }, xi);
			await consent(xi, 'audit');
			const log = `select event from consent_events where dataset_id = ${id} order by id`;
			expect((await runAs(driver, steward, (tx) => tx.query<{ event: string }>(log))).map((e) => e.event)).toEqual([
				'terms_published',
				'consent_given',
				'consent_withdrawn',
				'consent_renewed'
			]);
			expect((await runAs(driver, xi, (tx) => tx.query<{ event: string }>(log))).map((e) => e.event)).toEqual([
				'consent_given',
				'consent_withdrawn',
				'consent_renewed'
			]);
			expect(await runAs(driver, stranger, (tx) => tx.query(log))).toEqual([]);

			for (const attempt of [
				`update consent_events set event = 'consent_given' where dataset_id = ${id}`,
				`delete from consent_events where dataset_id = ${id}`,
				'truncate consent_events'
			]) {
				expect((await refusal(driver.query(attempt))).code).toBe('42501');
				expect((await refusal(runAs(driver, steward, (tx) => tx.query(attempt)))).code).toBe('42501');
			}
		});

		it('lets the export filter out only votes whose terms allow the purpose and the conditions', async () => {
			const id = await openDataset(driver, steward, 'purposes', {
				pairs: 4,
				overlapTarget: 2,
				terms: { allow_train_ai: true, allow_evaluate: false, allow_publish: true, allow_commercial: false, open_weights_only: true }
			});
			const yo = await createUser(driver, 'yo');
			await consent(yo, 'purposes');
			await voteOnce(yo, 'purposes');
			await publishTerms(driver, steward, id, {
				material: true, allow_train_ai: true, allow_evaluate: true, allow_publish: false, allow_commercial: true, open_weights_only: false
			});
			await consent(yo, 'purposes');
			await voteOnce(yo, 'purposes');
			const [underV1, underV2] = (await votesOf(yo)).map((v) => v.id);

			expect(await exportable(id, 'train-ai')).toEqual([underV1, underV2]);
			expect(await exportable(id, 'evaluate')).toEqual([underV2]);
			expect(await exportable(id, 'publish')).toEqual([underV1]);
			expect(await exportable(id, 'train-ai', true, true)).toEqual([underV2]);
			expect(await exportable(id, 'train-ai', false, false)).toEqual([underV2]);
			expect((await refusal(exportable(id, 'anything'))).message).toMatch(/purpose must be one of train-ai, evaluate, publish/);
			// No API role reads raw votes through it.
			const direct = runAs(driver, yo, (tx) => tx.query('select * from private.exportable_votes($1, $2, false, true)', [id, 'train-ai']));
			expect((await refusal(direct)).code).toBe('42501');
		});
	});
}
