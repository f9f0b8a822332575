import { z } from 'zod';
import type { Caller, DbPort } from './db';

const DatasetSummary = z.object({
	slug: z.string(),
	title: z.string(),
	description: z.string(),
	status: z.enum(['draft', 'open', 'closed']),
	overlap_target: z.number().int(),
	pair_count: z.number().int(),
	is_steward: z.boolean(),
	terms_version: z.number().int().nullable(),
	license: z.string().nullable()
});
export type DatasetSummary = z.infer<typeof DatasetSummary>;

const DatasetDetail = DatasetSummary.omit({ terms_version: true, license: true }).extend({
	guidelines: z.string(),
	terms_version: z.number().int().nullable(),
	terms_summary: z.string().nullable(),
	terms_full_text: z.string().nullable(),
	license: z.string().nullable(),
	attribution: z.enum(['pseudonymous', 'named_on_request']).nullable(),
	allow_train_ai: z.boolean().nullable(),
	allow_evaluate: z.boolean().nullable(),
	allow_publish: z.boolean().nullable(),
	allow_commercial: z.boolean().nullable(),
	open_weights_only: z.boolean().nullable()
});
export type DatasetDetail = z.infer<typeof DatasetDetail>;

export const DatasetSlug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(64);

export async function listDatasets(db: DbPort, caller: Caller): Promise<DatasetSummary[]> {
	return z.array(DatasetSummary).parse(await db.rpc('list_datasets', {}, caller));
}

export async function getDataset(db: DbPort, caller: Caller, slug: string): Promise<DatasetDetail | null> {
	const rows = z.array(DatasetDetail).parse(await db.rpc('get_dataset', { dataset_slug: slug }, caller));
	return rows[0] ?? null;
}

const DatasetFigures = z.object({
	votes: z.number().int(),
	voters: z.number().int(),
	pairs_voted: z.number().int(),
	decided_pairs: z.number().int(),
	mean_agreement: z.number().nullable()
});
export type DatasetFigures = z.infer<typeof DatasetFigures>;

/** Counts over all of a dataset's votes, for researchers deciding what to export. */
export async function datasetFigures(db: DbPort, caller: Caller, slug: string): Promise<DatasetFigures | null> {
	const rows = await db.rpc<unknown[]>('dataset_figures', { dataset_slug: slug }, caller);
	return rows.length ? DatasetFigures.parse(rows[0]) : null;
}
