import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDriver } from '../../src/lib/server/db/driver';
import { anon, type Caller, type Member } from '../../src/lib/server/db/port';
import { runAs, sqlPort } from '../../src/lib/server/db/sql-adapter';
import { termsHistory } from '../../src/lib/server/terms';
import { backends } from '../support/backends';
import { openDataset } from '../support/datasets';
import { createUser } from '../support/users';

type Terms = { summary: string; full_text: string; license: string; allow_evaluate: boolean; material: boolean };

for (const backend of backends) {
	describe.skipIf(backend.skip)(`the terms history on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
		let driver: SqlDriver;
		let dispose: () => Promise<void>;
		let steward: Member;
		let member: Member;
		const history = (who: Caller, slug = 'history') =>
			sqlPort(driver).rpc<Record<string, unknown>[]>('terms_history', { dataset_slug: slug }, who);

		/** Drafts the next terms version as the steward, with its own texts, and publishes it unless told not to. */
		async function nextVersion(datasetId: number, t: Terms, publish = true) {
			await runAs(driver, steward, async (tx) => {
				const [row] = await tx.query<{ id: number }>(
					`insert into terms_versions (dataset_id, version, summary, full_text, license, allow_evaluate, material, contact)
					 select $1, max(version) + 1, $2, $3, $4, $5, $6, 'steward@example.org'
					 from terms_versions where dataset_id = $1
					 returning id`,
					[datasetId, t.summary, t.full_text, t.license, t.allow_evaluate, t.material]
				);
				if (publish) await tx.query(`update terms_versions set status = 'published' where id = $1`, [row!.id]);
			});
		}

		beforeAll(async () => {
			({ driver, dispose } = await backend.fresh());
			steward = await createUser(driver, 'steward');
			member = await createUser(driver, 'member');
			const id = await openDataset(driver, steward, 'history', { pairs: 2, overlapTarget: 1, terms: { allow_train_ai: true } });
			await nextVersion(id, { summary: 'Second', full_text: 'Two\n', license: 'CC-BY-4.0', allow_evaluate: true, material: true });
			await nextVersion(id, { summary: 'Third', full_text: 'Three\n', license: 'CC0-1.0', allow_evaluate: true, material: false });
			await nextVersion(id, { summary: 'Draft', full_text: 'Not yet\n', license: 'MIT', allow_evaluate: false, material: true }, false);
		});
		afterAll(() => dispose?.());

		it('shows anyone every published version newest first, with its fields, and never the draft', async () => {
			for (const who of [anon, member]) {
				const rows = await history(who);
				expect(rows.map((r) => r.version)).toEqual([3, 2, 1]);
				expect(rows[0]).toMatchObject({
					summary: 'Third', full_text: 'Three\n', license: 'CC0-1.0', allow_train_ai: false, allow_evaluate: true,
					allow_publish: false, allow_commercial: false, open_weights_only: true, attribution: 'pseudonymous',
					withdrawal_policy: '', retention: '', contact: 'steward@example.org', material: false
				});
				expect(rows[1]).toMatchObject({ summary: 'Second', license: 'CC-BY-4.0', material: true });
				expect(rows[2]).toMatchObject({ summary: 'Summary', full_text: 'Full text', allow_train_ai: true, allow_evaluate: false });
				expect(rows.every((r) => typeof r.published_at === 'string')).toBe(true);
			}
		});

		it('leaves the draft out for the steward too, who could otherwise read it', async () => {
			expect((await history(steward)).map((r) => r.version)).toEqual([3, 2, 1]);
			const drafts = await runAs(driver, steward, (tx) => tx.query(`select 1 from terms_versions where status = 'draft'`));
			expect(drafts).toHaveLength(1);
		});

		it('is empty for a dataset that does not exist', async () => {
			expect(await history(anon, 'no-such-dataset')).toEqual([]);
		});

		it('parses at the service boundary and compares each version with the one before', async () => {
			const entries = await termsHistory(sqlPort(driver), anon, 'history');
			expect(entries.map((t) => [t.version, t.changes?.from ?? null])).toEqual([[3, 2], [2, 1], [1, null]]);
			expect(entries[0]!.changes?.fields).toEqual([{ field: 'License', before: 'CC-BY-4.0', after: 'CC0-1.0' }]);
			expect(entries[1]!.changes?.fields.map((f) => f.field)).toEqual([
				'Training or fine-tuning AI models',
				'Evaluating models (benchmarks, evals)'
			]);
		});
	});
}
