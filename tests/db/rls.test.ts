import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDriver, SqlSession } from '../../src/lib/server/db/driver';
import { anon, DbError, type Caller, type Member } from '../../src/lib/server/db/port';
import { runAs, sqlPort } from '../../src/lib/server/db/sql-adapter';
import { backends } from '../support/backends';
import { refusal } from '../support/refusal';
import { createUser } from '../support/users';

/** Every table in public, with a column that any update may name. */
const PUBLIC_TABLES: Record<string, string> = {
	profiles: 'created_at',
	datasets: 'created_at',
	dataset_stewards: 'added_at',
	pairs: 'created_at',
	terms_versions: 'created_at',
	consents: 'accepted_at',
	votes: 'created_at',
	exports: 'created_at',
	assignments: 'created_at',
	consent_events: 'at',
	api_tokens: 'created_at',
	export_contributions: 'recorded_at'
};

async function refused(p: Promise<unknown>): Promise<DbError> {
	const err = await refusal(p);
	expect(err.code).toBe('42501');
	return err;
}

const one = <T>(rows: T[]) => rows[0]!;

for (const backend of backends) {
	describe.skipIf(backend.skip)(`row level security on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
		let driver: SqlDriver;
		let dispose: () => Promise<void>;
		let alice: Member, bob: Member, carol: Member, dave: Member;
		let datasetId: number, pairId: number, termsId: number, draftDatasetId: number;

		const as = <T>(caller: Caller, fn: (tx: SqlSession) => Promise<T>) => runAs(driver, caller, fn);
		const q = <R = Record<string, unknown>>(caller: Caller, sql: string, params: unknown[] = []) =>
			as(caller, (tx) => tx.query<R>(sql, params));

		async function consent(caller: Member) {
			return one(
				await q<{ id: number }>(
					caller,
					`insert into consents (dataset_id, user_id, terms_version_id) values ($1, $2, $3) returning id`,
					[datasetId, caller.userId, termsId]
				)
			).id;
		}
		/** An assignment made as the owner, so that the vote itself is what RLS judges. */
		async function assign(caller: Member) {
			return one(
				await driver.query<{ id: number }>(
					`insert into assignments (dataset_id, pair_id, user_id, shown_left, expires_at)
					 values ($1, $2, $3, 'b', now() + interval '1 hour')
					 on conflict (pair_id, user_id) do update set expires_at = excluded.expires_at
					 returning id`,
					[datasetId, pairId, caller.userId]
				)
			).id;
		}
		async function vote(caller: Member, userId = caller.userId) {
			const assignmentId = await assign(caller);
			return q(
				caller,
				`insert into votes (dataset_id, pair_id, user_id, terms_version_id, winner, strength, shown_left, assignment_id)
				 values ($1, $2, $3, $4, 'a', 1, 'b', $5) returning id`,
				[datasetId, pairId, userId, termsId, assignmentId]
			);
		}

		beforeAll(async () => {
			({ driver, dispose } = await backend.fresh());
			alice = await createUser(driver, 'alice');
			bob = await createUser(driver, 'bob');
			carol = await createUser(driver, 'carol');
			dave = await createUser(driver, 'dave');
			// Alice creates a dataset and becomes its steward; she drafts, publishes, and opens it.
			datasetId = one(
				await q<{ id: number }>(
					alice,
					`insert into datasets (slug, title, created_by) values ('rls-test', 'RLS test', $1) returning id`,
					[alice.userId]
				)
			).id;
			draftDatasetId = one(
				await q<{ id: number }>(
					alice,
					`insert into datasets (slug, title, created_by) values ('rls-draft', 'Draft', $1) returning id`,
					[alice.userId]
				)
			).id;
			pairId = one(
				await q<{ id: number }>(
					alice,
					`insert into pairs (dataset_id, prompt, response_a, response_b)
					 values ($1, '[{"role":"user","content":"hi"}]', '[{"role":"assistant","content":"a"}]',
					         '[{"role":"assistant","content":"b"}]') returning id`,
					[datasetId]
				)
			).id;
			termsId = one(
				await q<{ id: number }>(
					alice,
					`insert into terms_versions (dataset_id, version, summary, full_text, contact, allow_train_ai)
					 values ($1, 1, 'Summary', 'Full text', 'steward@example.org', true) returning id`,
					[datasetId]
				)
			).id;
			await q(alice, `update terms_versions set status = 'published' where id = $1`, [termsId]);
			await q(alice, `update datasets set status = 'open' where id = $1`, [datasetId]);
			await consent(bob);
			await consent(carol);
			await vote(bob);
			await vote(carol);
		});
		afterAll(() => dispose?.());

		it('has row level security enabled on every table in public', async () => {
			const rows = await driver.query<{ relname: string; relrowsecurity: boolean }>(
				`select c.relname, c.relrowsecurity from pg_class c
				 join pg_namespace n on n.oid = c.relnamespace
				 where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`
			);
			expect(rows.map((r) => r.relname).sort()).toEqual(Object.keys(PUBLIC_TABLES).sort());
			expect(rows.filter((r) => !r.relrowsecurity)).toEqual([]);
		});

		it('lets each person read only their own votes, stewards included', async () => {
			const bobs = await q<{ user_id: string }>(bob, 'select user_id from votes');
			expect(bobs.map((r) => r.user_id)).toEqual([bob.userId]);
			const carols = await q<{ user_id: string }>(carol, 'select user_id from votes');
			expect(carols.map((r) => r.user_id)).toEqual([carol.userId]);
			expect(await q(alice, 'select * from votes')).toEqual([]);
			// The owner sees both, which proves the rows exist and RLS is what hides them.
			expect(await driver.query('select * from votes')).toHaveLength(2);
		});

		it('lets each person read only their own consents', async () => {
			const rows = await q<{ user_id: string }>(bob, 'select user_id from consents');
			expect(rows.map((r) => r.user_id)).toEqual([bob.userId]);
			expect(await q(dave, 'select * from consents')).toEqual([]);
		});

		it("refuses to change another person's consent or vote", async () => {
			const carolId = carol.userId;
			const withdrawn = await q(bob, 'update consents set withdrawn_at = now() where user_id = $1 returning id', [carolId]);
			expect(withdrawn).toEqual([]);
			const still = await driver.query<{ withdrawn_at: Date | null }>(
				'select withdrawn_at from consents where user_id = $1',
				[carolId]
			);
			expect(still).toEqual([{ withdrawn_at: null }]);
			await refused(q(bob, `update votes set winner = 'b' where user_id = $1`, [carolId]));
			// Undo lets people delete their own recent votes; someone else's stay out of reach.
			expect(await q(bob, 'delete from votes where user_id = $1 returning id', [carolId])).toEqual([]);
			expect(await driver.query('select 1 from votes where user_id = $1', [carolId])).toHaveLength(1);
			await refused(q(bob, 'delete from consents where user_id = $1', [carolId]));
		});

		it('refuses a vote cast in somebody else’s name', async () => {
			await refused(vote(bob, carol.userId));
		});

		it('refuses a vote that answers no assignment, consent or not', async () => {
			await refused(
				q(
					carol,
					`insert into votes (dataset_id, pair_id, user_id, terms_version_id, winner, strength, shown_left)
					 values ($1, $2, $3, $4, 'tie', null, 'a')`,
					[datasetId, pairId, carol.userId, termsId]
				)
			);
		});

		it('refuses a vote from someone without consent, and after withdrawal', async () => {
			await refused(vote(dave));
			const daveConsent = await consent(dave);
			await q(dave, 'update consents set withdrawn_at = now() where id = $1', [daveConsent]);
			await refused(vote(dave));
			expect(await driver.query('select 1 from votes where user_id = $1', [dave.userId])).toEqual([]);
		});

		it('never lets a withdrawn consent be revived or rewritten', async () => {
			const id = one(
				await q<{ id: number }>(dave, 'select id from consents where withdrawn_at is not null')
			).id;
			await refused(q(dave, 'update consents set withdrawn_at = null where id = $1', [id]));
			await refused(q(dave, `update consents set credit = 'named' where id = $1`, [id]));
		});

		it('lets anon read open datasets and published terms, and nothing else', async () => {
			const datasets = await q<{ slug: string }>(anon, 'select slug from datasets');
			expect(datasets.map((d) => d.slug)).toEqual(['rls-test']);
			expect(await q(anon, 'select id from terms_versions')).toHaveLength(1);
			for (const table of ['profiles', 'pairs', 'consents', 'votes', 'exports', 'assignments', 'consent_events']) {
				await refused(q(anon, `select * from ${table}`));
			}
			expect(await q(anon, 'select * from dataset_stewards')).toEqual([]);
		});

		it('refuses every write by anon, on every table', async () => {
			for (const [table, column] of Object.entries(PUBLIC_TABLES)) {
				await refused(q(anon, `insert into ${table} default values`));
				await refused(q(anon, `update ${table} set ${column} = now()`));
				await refused(q(anon, `delete from ${table}`));
			}
		});

		it('lets only stewards change a dataset, its pairs and its terms', async () => {
			const changed = await q(bob, `update datasets set title = 'hijacked' where id = $1 returning id`, [datasetId]);
			expect(changed).toEqual([]);
			await refused(
				q(
					bob,
					`insert into pairs (dataset_id, prompt, response_a, response_b)
					 values ($1, '[{"role":"user","content":"x"}]', '[{"role":"assistant","content":"y"}]',
					         '[{"role":"assistant","content":"z"}]')`,
					[datasetId]
				)
			);
			await refused(q(bob, `insert into terms_versions (dataset_id, version) values ($1, 2)`, [datasetId]));
			await refused(
				q(bob, 'insert into dataset_stewards (dataset_id, user_id, added_by) values ($1, $2, $2)', [
					datasetId,
					bob.userId
				])
			);
			expect(await q(bob, 'select id from datasets where id = $1', [draftDatasetId])).toEqual([]);
			const renamed = await q(alice, `update datasets set title = 'Renamed' where id = $1 returning id`, [datasetId]);
			expect(renamed).toHaveLength(1);
		});

		it('keeps a published terms version unchangeable, even for its steward and the owner', async () => {
			expect(
				await q(alice, `update terms_versions set summary = 'changed' where id = $1 returning id`, [termsId])
			).toEqual([]);
			await refused(driver.query(`update terms_versions set summary = 'changed' where id = $1`, [termsId]));
			await refused(driver.query('delete from terms_versions where id = $1', [termsId]));
		});

		it('refuses to open a dataset without published terms', async () => {
			const err = await q(alice, `update datasets set status = 'open' where id = $1`, [draftDatasetId]).catch(
				(e: unknown) => e
			);
			expect(err).toBeInstanceOf(DbError);
			expect((err as DbError).message).toMatch(/cannot open without published consent terms/);
		});

		it('serves the dataset list through rpc with counts, as anon and as a steward', async () => {
			const port = sqlPort(driver);
			const forAnon = await port.rpc<Array<{ slug: string; pair_count: number; is_steward: boolean }>>(
				'list_datasets',
				{},
				anon
			);
			expect(forAnon).toEqual([expect.objectContaining({ slug: 'rls-test', pair_count: 1, is_steward: false })]);
			const forAlice = await port.rpc<Array<{ slug: string; is_steward: boolean }>>('list_datasets', {}, alice);
			expect(forAlice.map((d) => [d.slug, d.is_steward]).sort()).toEqual([
				['rls-draft', true],
				['rls-test', true]
			]);
		});
	});
}
