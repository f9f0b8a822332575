import type { SqlDriver } from '../../src/lib/server/db/driver';
import type { Member } from '../../src/lib/server/db/port';
import { runAs } from '../../src/lib/server/db/sql-adapter';

export type TermsFields = Partial<{
	material: boolean;
	allow_train_ai: boolean;
	allow_evaluate: boolean;
	allow_publish: boolean;
	allow_commercial: boolean;
	open_weights_only: boolean;
}>;

/** Drafts and publishes the dataset's next terms version as its steward; returns its id. */
export async function publishTerms(driver: SqlDriver, steward: Member, datasetId: number, fields: TermsFields = {}) {
	return runAs(driver, steward, async (tx) => {
		const names = Object.keys(fields);
		const [t] = await tx.query<{ id: number }>(
			`insert into terms_versions (dataset_id, version, summary, full_text, contact${names.map((n) => `, ${n}`).join('')})
			 select $1, coalesce(max(version), 0) + 1, 'Summary', 'Full text', 'steward@example.org'${names.map((_, i) => `, $${i + 2}`).join('')}
			 from terms_versions where dataset_id = $1
			 returning id`,
			[datasetId, ...Object.values(fields)]
		);
		await tx.query(`update terms_versions set status = 'published' where id = $1`, [t!.id]);
		return t!.id;
	});
}

/** An open dataset with `pairs` pairs and published terms (`terms`), made by its steward. */
export async function openDataset(
	driver: SqlDriver,
	steward: Member,
	slug: string,
	options: { pairs: number; overlapTarget: number; terms?: TermsFields }
): Promise<number> {
	const id = await runAs(driver, steward, async (tx) => {
		const [d] = await tx.query<{ id: number }>(
			`insert into datasets (slug, title, overlap_target, created_by) values ($1, $1, $2, $3) returning id`,
			[slug, options.overlapTarget, steward.userId]
		);
		await tx.query(
			`insert into pairs (dataset_id, external_id, prompt, response_a, response_b)
			 select $1, 'p' || g, jsonb_build_array(jsonb_build_object('role', 'user', 'content', 'question ' || g)),
			        '[{"role":"assistant","content":"answer A"}]', '[{"role":"assistant","content":"answer B"}]'
			 from generate_series(1, $2) g`,
			[d!.id, options.pairs]
		);
		return d!.id;
	});
	await publishTerms(driver, steward, id, options.terms);
	await runAs(driver, steward, (tx) => tx.query(`update datasets set status = 'open' where id = $1`, [id]));
	return id;
}

/** Every argument of `save_terms_draft` but the slug: terms that pass its checks. */
export function termsDraft(overrides: Partial<Record<string, string | boolean>> = {}) {
	return {
		summary: 'Your votes train open models.',
		full_text: '# Terms\n\nYou may withdraw at any time.',
		allow_train_ai: true,
		allow_evaluate: true,
		allow_publish: false,
		allow_commercial: false,
		open_weights_only: true,
		license: 'CC-BY-4.0',
		attribution: 'pseudonymous',
		withdrawal_policy: 'Withdrawal removes your votes from every later export.',
		retention: 'While the dataset is maintained.',
		contact: 'steward@example.org',
		material: false,
		...overrides
	};
}
