import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDriver } from '../../src/lib/server/db/driver';
import type { Member } from '../../src/lib/server/db/port';
import { sqlPort } from '../../src/lib/server/db/sql-adapter';
import { backends } from '../support/backends';
import { refusal } from '../support/refusal';
import { termsDraft } from '../support/datasets';
import { createUser } from '../support/users';

const TERMS = termsDraft();

for (const backend of backends) {
	describe.skipIf(backend.skip)(`a steward runs a dataset on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
		let driver: SqlDriver;
		let dispose: () => Promise<void>;
		let ann: Member, bo: Member;
		const rpc = <T>(fn: string, args: Record<string, unknown>, who: Member) => sqlPort(driver).rpc<T>(fn, args, who);

		beforeAll(async () => {
			({ driver, dispose } = await backend.fresh());
			ann = await createUser(driver, 'ann');
			bo = await createUser(driver, 'bo');
		});
		afterAll(() => dispose?.());

		it('creates a dataset whose creator is its steward, and refuses a taken slug', async () => {
			expect(await rpc('create_dataset', { slug: 'code-review', title: 'Code review' }, ann)).toBe('code-review');
			const list = await rpc<Array<{ slug: string; is_steward: boolean; status: string }>>('list_datasets', {}, ann);
			expect(list).toContainEqual(expect.objectContaining({ slug: 'code-review', is_steward: true, status: 'draft' }));
			expect((await refusal(rpc('create_dataset', { slug: 'code-review', title: 'Again' }, bo))).code).toBe('23505');
		});

		it('drafts, redrafts and publishes terms; only then opens; the first version is material', async () => {
			expect((await refusal(rpc('set_dataset_status', { dataset_slug: 'code-review', status: 'open' }, ann))).message).toMatch(
				/cannot open without published consent terms/
			);
			expect(await rpc('save_terms_draft', { dataset_slug: 'code-review', ...TERMS }, ann)).toBe(1);
			expect(await rpc('save_terms_draft', { dataset_slug: 'code-review', ...TERMS, summary: 'Better summary.' }, ann)).toBe(1);
			const [draft] = await rpc<Array<{ draft_version: number; summary: string }>>('steward_overview', { dataset_slug: 'code-review' }, ann);
			expect(draft).toMatchObject({ draft_version: 1, summary: 'Better summary.' });

			expect(await rpc('publish_terms', { dataset_slug: 'code-review' }, ann)).toBe(1);
			const [published] = await driver.query<{ material: boolean; summary: string }>(
				`select t.material, t.summary from terms_versions t join datasets d on d.id = t.dataset_id where d.slug = 'code-review'`
			);
			expect(published).toEqual({ material: true, summary: 'Better summary.' });
			expect((await refusal(rpc('publish_terms', { dataset_slug: 'code-review' }, ann))).message).toMatch(/no draft/);

			await rpc('set_dataset_status', { dataset_slug: 'code-review', status: 'open' }, ann);
			expect(await rpc('save_terms_draft', { dataset_slug: 'code-review', ...TERMS }, ann)).toBe(2);
			const [next] = await rpc<Array<{ draft_version: number; base_version: number | null }>>('steward_overview', { dataset_slug: 'code-review' }, ann);
			expect(next).toMatchObject({ draft_version: 2, base_version: null });
		});

		it('refuses every steward step to someone who is not a steward', async () => {
			for (const [fn, args] of [
				['update_dataset', { dataset_slug: 'code-review', title: 'Mine now', description: '', guidelines: '', overlap_target: 1 }],
				['set_dataset_status', { dataset_slug: 'code-review', status: 'closed' }],
				['save_terms_draft', { dataset_slug: 'code-review', ...TERMS }],
				['publish_terms', { dataset_slug: 'code-review' }],
				['steward_overview', { dataset_slug: 'code-review' }]
			] as const) {
				const err = await refusal(rpc(fn, args, bo));
				expect(err.code, fn).toBe('42501');
				expect(err.message).toMatch(/only the stewards of "code-review"/);
			}
			const [d] = await driver.query<{ title: string; status: string }>(`select title, status from datasets where slug = 'code-review'`);
			expect(d).toEqual({ title: 'Code review', status: 'open' });
		});
	});
}
