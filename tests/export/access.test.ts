import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDriver } from '../../src/lib/server/db/driver';
import { anon, type Member } from '../../src/lib/server/db/port';
import { runAs, sqlPort } from '../../src/lib/server/db/sql-adapter';
import { asServiceRole } from '../support/service-role';
import { backends } from '../support/backends';
import { openDataset } from '../support/datasets';
import { refusal } from '../support/refusal';
import { createUser } from '../support/users';

const REQUEST = {
	dataset_slug: 'open-data',
	purpose: 'train-ai',
	commercial: false,
	open_weights: true,
	shape: 'preferences',
	format: 'parquet',
	filters: {}
};

for (const backend of backends) {
	describe.skipIf(backend.skip)(`who may export, and who sees exports, on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
		let driver: SqlDriver;
		let dispose: () => Promise<void>;
		let steward: Member;
		let coSteward: Member;
		let alice: Member;
		let bob: Member;
		const request = (who: Member, changes: Record<string, unknown> = {}) =>
			sqlPort(driver).rpc<number>('request_export', { ...REQUEST, ...changes }, who);
		const exportCount = async () => Number((await driver.query<{ n: number }>('select count(*)::int as n from exports'))[0]!.n);

		beforeAll(async () => {
			({ driver, dispose } = await backend.fresh());
			steward = await createUser(driver, 'steward');
			coSteward = await createUser(driver, 'co-steward');
			alice = await createUser(driver, 'alice');
			bob = await createUser(driver, 'bob');
			const id = await openDataset(driver, steward, 'open-data', { pairs: 2, overlapTarget: 3, terms: { allow_train_ai: true } });
			await runAs(driver, steward, (tx) =>
				tx.query('insert into dataset_stewards (dataset_id, user_id, added_by) values ($1, $2, $3)', [id, coSteward.userId, steward.userId])
			);
			const closed = await openDataset(driver, steward, 'closed-data', { pairs: 2, overlapTarget: 3 });
			await runAs(driver, steward, (tx) => tx.query(`update datasets set status = 'closed' where id = $1`, [closed]));
			await runAs(driver, steward, (tx) =>
				tx.query(`insert into datasets (slug, title, created_by) values ('draft-data', 'Draft', $1)`, [steward.userId])
			);
		});
		afterAll(() => dispose?.());

		it('lets anyone signed in ask for an export of an open or closed dataset, and nobody anonymous', async () => {
			expect(await request(alice)).toBeGreaterThan(0);
			expect(await request(bob, { dataset_slug: 'closed-data', shape: 'votes', format: 'jsonl' })).toBeGreaterThan(0);
			const refused = await refusal(sqlPort(driver).rpc('request_export', REQUEST, anon));
			expect(refused.isForbidden).toBe(true);
		});

		it('hides a draft from everyone but its stewards; a draft without published terms has nothing to export', async () => {
			const hidden = await refusal(request(alice, { dataset_slug: 'draft-data' }));
			expect(hidden.message).toBe('no dataset "draft-data"');
			expect((await refusal(request(alice, { dataset_slug: 'nowhere' }))).message).toBe('no dataset "nowhere"');
			const noTerms = await refusal(request(steward, { dataset_slug: 'draft-data' }));
			expect(noTerms.message).toMatch(/has no published terms/);
		});

		it('refuses bad requests with a message naming the field, and records nothing', async () => {
			const before = await exportCount();
			const cases: [Record<string, unknown>, RegExp][] = [
				[{ purpose: 'resell' }, /^purpose must be one of train-ai, evaluate, publish; got "resell"$/],
				[{ commercial: null }, /^commercial: /],
				[{ open_weights: null }, /^open_weights: /],
				[{ shape: 'pairs' }, /^shape must be one of preferences, preferences-standard, votes; got "pairs"$/],
				[{ format: 'csv' }, /^format must be parquet or jsonl; got "csv"$/],
				[{ filters: [] }, /^filters must be an object/],
				[{ filters: { min_votez: 2 } }, /^filters: unknown filter "min_votez"/],
				[{ filters: { min_votes: 0 } }, /^filters.min_votes must be a whole number from 1 to 1000; got 0$/],
				[{ filters: { min_votes: 1.5 } }, /^filters.min_votes must be a whole number/],
				[{ filters: { min_votes: '2' } }, /^filters.min_votes must be a whole number/],
				[{ filters: { min_agreement: 1.2 } }, /^filters.min_agreement must be a number from 0 to 1; got 1.2$/],
				[{ filters: { min_agreement: 0.5 }, shape: 'votes' }, /^filters.min_agreement applies to the preferences shapes only/]
			];
			for (const [changes, message] of cases) {
				const err = await refusal(request(alice, changes));
				expect(err.code, JSON.stringify(changes)).toBe('22023');
				expect(err.message).toMatch(message);
			}
			expect(await exportCount()).toBe(before);
		});

		it('records the request as declared, with the defaults filled in and the terms version accepted', async () => {
			const id = await request(alice, { filters: { min_votes: 2 } });
			const [row] = await runAs(driver, alice, (tx) => tx.query('select * from exports where id = $1', [id]));
			expect(row).toMatchObject({
				requested_by: alice.userId,
				purpose: 'train-ai',
				conditions: { commercial: false, open_weights: true },
				filters: { min_votes: 2, min_agreement: 0 },
				status: 'requested',
				accepted_terms_version: 1,
				row_count: null
			});
		});

		it('lets nobody write export rows directly', async () => {
			const [d] = await driver.query<{ id: number }>(`select id from datasets where slug = 'open-data'`);
			const insert = await refusal(
				runAs(driver, alice, (tx) =>
					tx.query(`insert into exports (dataset_id, requested_by, purpose, shape, format) values ($1, $2, 'train-ai', 'votes', 'jsonl')`, [
						d!.id,
						alice.userId
					])
				)
			);
			expect(insert.isForbidden).toBe(true);
			const id = await request(alice);
			const update = await refusal(
				runAs(driver, alice, (tx) => tx.query(`update exports set row_count = 5, status = 'finished' where id = $1`, [id]))
			);
			expect(update.isForbidden).toBe(true);
		});

		it('shows an export to its requester and to every steward of the dataset, to nobody else', async () => {
			const id = await request(alice);
			const seen = (who: Member) =>
				sqlPort(driver)
					.rpc<{ id: number }[]>('list_exports', { dataset_slug: 'open-data' }, who)
					.then((rows) => rows.map((r) => r.id));
			expect(await seen(alice)).toContain(id);
			expect(await seen(steward)).toContain(id);
			expect(await seen(coSteward)).toContain(id);
			expect(await seen(bob)).not.toContain(id);
			const all = (await driver.query<{ id: number }>(
				`select e.id from exports e join datasets d on d.id = e.dataset_id where d.slug = 'open-data' order by e.id desc`
			)).map((r) => r.id);
			expect(await seen(steward)).toEqual(all);
			const direct = await runAs(driver, bob, (tx) => tx.query('select id from exports where id = $1', [id]));
			expect(direct).toEqual([]);
		});

		it('keeps the service-role functions, the frozen votes and the pseudonym key from every API role', async () => {
			const id = await request(alice);
			const calls = [
				['select private.snapshot_export($1)', [id]],
				['select private.export_vote_page($1, 0, 0, 10)', [id]],
				['select private.export_preference_page($1, 0, 10)', [id]],
				[`select private.finish_export($1, 0, '{}')`, [id]],
				[`select private.fail_export($1, 'x')`, [id]],
				['select * from private.exportable_votes(1, $1, false, true)', ['train-ai']],
				['select * from private.export_secrets', []],
				['select * from private.export_votes', []],
				['select * from private.export_pairs', []],
				['select * from private.export_voters', []],
				['select * from private.exportable_votes_rule(1, $1, false, true)', ['train-ai']]
			] as const;
			for (const who of [alice, steward, anon]) {
				for (const [sql, params] of calls) {
					const err = await refusal(runAs(driver, who, (tx) => tx.query(sql, [...params])));
					expect(err.isForbidden, `${who.role} ${sql}`).toBe(true);
				}
			}
		});

		it('freezes an export once and finishes only a running one', async () => {
			const id = await request(alice);
			const early = await refusal(asServiceRole(driver, (tx) => tx.query(`select private.finish_export($1, 0, '{}')`, [id])));
			expect(early.message).toBe(`export ${id} is not running`);
			await asServiceRole(driver, (tx) => tx.query('select private.snapshot_export($1)', [id]));
			const again = await refusal(asServiceRole(driver, (tx) => tx.query('select private.snapshot_export($1)', [id])));
			expect(again.message).toBe(`export ${id} is already running`);
			await asServiceRole(driver, (tx) => tx.query(`select private.finish_export($1, 0, '{"files": []}')`, [id]));
			const [row] = await runAs(driver, alice, (tx) => tx.query('select status, row_count, manifest from exports where id = $1', [id]));
			expect(row).toEqual({ status: 'finished', row_count: 0, manifest: { files: [] } });
			const late = await refusal(asServiceRole(driver, (tx) => tx.query('select private.export_vote_page($1, 0, 0, 10)', [id])));
			expect(late.message).toBe(`export ${id} is not running`);
		});
	});
}
