/**
 * One suite of scenarios, written once against the db port, run on every backend: the SQL
 * adapter on PGlite and on PostgreSQL, the Supabase adapter through the PostgREST stand-in, and
 * a real Supabase project when its keys are given. Everything goes through `db.rpc` as a person,
 * so a backend that sets roles or claims differently, or passes arguments differently, fails here.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenHash } from '../../src/lib/server/auth/api-tokens';
import { anon, serviceRole, type DbPort, type Member } from '../../src/lib/server/db/port';
import { myVotesJsonl } from '../../src/lib/server/contributions';
import { failStaleExports, runExport } from '../../src/lib/server/export/run';
import { termsDraft } from '../support/datasets';
import { refusal } from '../support/refusal';
import { contractBackends, type ContractWorld } from './backends';

interface Assignment {
	assignment_id: number;
	pair_id: number;
	prompt: { role: string; content: string }[];
	left_response: { role: string; content: string }[];
}

const terms = (material: boolean) => termsDraft({ attribution: 'named_on_request', material });

const pairs = (n: number) =>
	Array.from({ length: n }, (_, i) => ({
		file_row: i + 1,
		external_id: `p${i + 1}`,
		prompt: [{ role: 'user', content: `Question ${i + 1}?` }],
		response_a: [{ role: 'assistant', content: `Answer A${i + 1}` }],
		response_b: [{ role: 'assistant', content: `Answer B${i + 1}` }],
		model_a: 'model-a',
		model_b: 'model-b',
		metadata: { topic: 'contract' }
	}));

for (const backend of contractBackends) {
	describe.skipIf(backend.skip)(`contract: ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
		let world: ContractWorld;
		let db: DbPort;
		let steward: Member, volunteer: Member, other: Member;
		// Unique per run: a real Supabase project keeps what earlier runs made.
		const slug = `contract-${randomUUID().slice(0, 8)}`;

		beforeAll(async () => {
			world = await backend.open();
			db = world.db;
			steward = await world.member('steward');
			volunteer = await world.member('volunteer');
			other = await world.member('other');
		});
		afterAll(() => world?.dispose());

		it('a signed-in person starts a dataset and becomes its steward; anon cannot', async () => {
			expect(await db.rpc('create_dataset', { slug, title: 'Contract "pairs"', overlap_target: 2 }, steward)).toBe(slug);
			expect((await refusal(db.rpc('create_dataset', { slug: `${slug}-anon`, title: 'No' }, anon))).isForbidden).toBe(true);
			const [mine] = await db.rpc<{ is_steward: boolean; status: string }[]>('get_dataset', { dataset_slug: slug }, steward);
			expect(mine).toMatchObject({ is_steward: true, status: 'draft' });
		});

		it('the steward imports pairs (a jsonb argument) all or nothing; others are refused', async () => {
			const result = await db.rpc<{ imported: number; duplicate_rows: number[] }>(
				'import_pairs',
				{ dataset_slug: slug, pairs: [...pairs(6), { ...pairs(1)[0]!, file_row: 7, external_id: 'again' }] },
				steward
			);
			expect(result).toEqual({ imported: 6, duplicate_rows: [7] });
			const err = await refusal(db.rpc('import_pairs', { dataset_slug: slug, pairs: pairs(1) }, other));
			expect(err.isForbidden).toBe(true);
		});

		it('a dataset cannot open without published terms; only its steward publishes them', async () => {
			await refusal(db.rpc('set_dataset_status', { dataset_slug: slug, status: 'open' }, steward));
			await db.rpc('save_terms_draft', { dataset_slug: slug, ...terms(true) }, steward);
			expect((await refusal(db.rpc('publish_terms', { dataset_slug: slug }, other))).isForbidden).toBe(true);
			expect(await db.rpc('publish_terms', { dataset_slug: slug }, steward)).toBe(1);
			await db.rpc('set_dataset_status', { dataset_slug: slug, status: 'open' }, steward);
			const listed = await db.rpc<{ slug: string; status: string }[]>('list_datasets', {}, anon);
			expect(listed.find((d) => d.slug === slug)?.status).toBe('open');
		});

		it('a volunteer without consent is refused a pair by the database', async () => {
			const err = await refusal(db.rpc('next_pair', { dataset_slug: slug }, volunteer));
			expect(err.message).toMatch(/consent to the terms/);
		});

		it('after consent, a volunteer ranks; a retried submit records one vote', async () => {
			await db.rpc('give_consent', { dataset_slug: slug, credit: 'named', credit_name: 'Vee' }, volunteer);
			const [first] = await db.rpc<Assignment[]>('next_pair', { dataset_slug: slug }, volunteer);
			expect(first!.prompt[0]).toMatchObject({ role: 'user' });
			const vote = { assignment_id: first!.assignment_id, choice: 'left-better' };
			const [a] = await db.rpc<{ vote_id: number; strength: number }[]>('submit_vote', vote, volunteer);
			const [b] = await db.rpc<{ vote_id: number }[]>('submit_vote', vote, volunteer);
			expect(b!.vote_id).toBe(a!.vote_id);
			expect(a!.strength).toBe(1);
			const [next] = await db.rpc<Assignment[]>('next_pair', { dataset_slug: slug }, volunteer);
			const [after] = await db.rpc<Assignment[]>(
				'vote_and_next',
				{ dataset_slug: slug, assignment_id: next!.assignment_id, choice: 'both-bad', rationale: undefined },
				volunteer
			);
			expect(after!.pair_id).not.toBe(next!.pair_id);
			const votes = await db.rpc<{ winner: string }[]>('my_votes', { dataset_slug: slug }, volunteer);
			expect(votes).toHaveLength(2);
			expect(votes.map((v) => v.winner)).toContain('both_bad');
		});

		it("nobody sees or submits on another person's assignments or votes", async () => {
			await db.rpc('give_consent', { dataset_slug: slug }, other);
			const [theirs] = await db.rpc<Assignment[]>('next_pair', { dataset_slug: slug }, volunteer);
			const err = await refusal(db.rpc('submit_vote', { assignment_id: theirs!.assignment_id, choice: 'tie' }, other));
			expect(err.isForbidden).toBe(true);
			expect(await db.rpc('my_votes', { dataset_slug: slug }, other)).toEqual([]);
			await refusal(db.rpc('my_votes', { dataset_slug: slug }, anon));
		});

		it('a volunteer cannot change the dataset or its terms', async () => {
			const edit = { dataset_slug: slug, title: 'Taken', description: '', guidelines: '', overlap_target: 5 };
			expect((await refusal(db.rpc('update_dataset', edit, volunteer))).isForbidden).toBe(true);
			expect((await refusal(db.rpc('save_terms_draft', { dataset_slug: slug, ...terms(false) }, volunteer))).isForbidden).toBe(true);
		});

		it('after a material change the volunteer must accept the terms again before ranking', async () => {
			await db.rpc('save_terms_draft', { dataset_slug: slug, ...terms(true), summary: 'Now also for evaluation only.' }, steward);
			expect(await db.rpc('publish_terms', { dataset_slug: slug }, steward)).toBe(2);
			const err = await refusal(db.rpc('next_pair', { dataset_slug: slug }, volunteer));
			expect(err.message).toMatch(/changed; read and accept them again/);
			const [consent] = await db.rpc<{ terms_version: number }[]>('give_consent', { dataset_slug: slug }, volunteer);
			expect(consent!.terms_version).toBe(2);
			expect(await db.rpc<Assignment[]>('next_pair', { dataset_slug: slug }, volunteer)).toHaveLength(1);
		});

		it('a withdrawal takes effect at once and the votes count as withdrawn', async () => {
			await db.rpc('withdraw_consent', { dataset_slug: slug }, volunteer);
			const [row] = (await db.rpc<{ slug: string; consent: string; votes_included: number; votes_withdrawn: number }[]>(
				'my_contributions',
				{},
				volunteer
			)).filter((c) => c.slug === slug);
			expect(row).toMatchObject({ votes_included: 0, votes_withdrawn: 2 });
			expect((await db.rpc<{ withdrawn: boolean }[]>('my_votes', { dataset_slug: slug }, volunteer)).every((v) => v.withdrawn)).toBe(true);
			await refusal(db.rpc('next_pair', { dataset_slug: slug }, volunteer));
		});

		it('a personal API token is made, resolved only by the server, and revoked', async () => {
			const token = await db.rpc<string>('create_api_token', { name: 'contract', valid_days: 1 }, other);
			expect(token).toMatch(/^pc_/);
			const hash = apiTokenHash(token);
			expect(await db.rpc('resolve_api_token', { token_hash: hash }, serviceRole)).toEqual([{ user_id: other.userId, email: other.email }]);
			expect((await refusal(db.rpc('resolve_api_token', { token_hash: hash }, other))).isForbidden).toBe(true);
			expect((await refusal(db.rpc('create_api_token', { name: 'anon' }, anon))).isForbidden).toBe(true);
			const [mine] = await db.rpc<{ id: number; name: string }[]>('list_api_tokens', {}, other);
			expect(mine).toMatchObject({ name: 'contract' });
			expect(await db.rpc('list_api_tokens', {}, volunteer)).toEqual([]);
			await refusal(db.rpc('revoke_api_token', { token_id: mine!.id }, volunteer));
			await db.rpc('revoke_api_token', { token_id: mine!.id }, other);
			expect(await db.rpc('resolve_api_token', { token_hash: hash }, serviceRole)).toEqual([]);
		});

		it('an export holds exactly the consented votes, paged past the row limit', async () => {
			await db.rpc('give_consent', { dataset_slug: slug }, other);
			let cast = 0;
			for (; cast < 6; cast++) {
				const [task] = await db.rpc<Assignment[]>('next_pair', { dataset_slug: slug }, other);
				await db.rpc('submit_vote', { assignment_id: task!.assignment_id, choice: cast % 2 ? 'tie' : 'left-much-better' }, other);
			}
			// Their own download pages too: one call would stop at the row limit.
			expect((await myVotesJsonl(db, other, slug)).trim().split('\n')).toHaveLength(cast);
			const out = await mkdtemp(join(tmpdir(), 'pc-contract-export-'));
			try {
				const request = { dataset: slug, purpose: 'train-ai', commercial: false, openWeights: true, shape: 'votes', format: 'jsonl' } as const;
				// Saying it is alive after every page, and the sweep for stopped exports finding none.
				const result = await runExport(db, steward, request, out, { pageSize: 4, aliveEveryMs: 0 });
				expect(await failStaleExports(db, 0)).toEqual([]);
				const rows = (await readFile(join(out, result.dataFiles[0]!.path), 'utf8')).trim().split('\n');
				// Every vote of the person who still consents, none of the one who withdrew.
				expect(rows).toHaveLength(cast);
				expect(new Set(rows.map((r) => JSON.parse(r).annotator_pid)).size).toBe(1);
				const forbidden = await runExport(db, steward, { ...request, purpose: 'publish' }, out);
				expect(forbidden.rowCount).toBe(0);
				// The export steps are the server's own: a member calling them is refused.
				const err = await refusal(db.rpc('export_vote_page', { export_id: result.exportId, after_pair_id: 0, after_vote_id: 0, page_size: 10 }, other));
				expect(err.isForbidden).toBe(true);
			} finally {
				await rm(out, { recursive: true, force: true });
			}
		});

		it('the server itself may act as service_role', async () => {
			const listed = await db.rpc<{ slug: string }[]>('list_datasets', {}, serviceRole);
			expect(listed.some((d) => d.slug === slug)).toBe(true);
		});
	});
}
