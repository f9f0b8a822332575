import { z } from 'zod';
import type { Caller, DbPort } from './db';

/** Licenses a steward picks from: SPDX ids common for open datasets. */
export const LICENSES = [
	'CC-BY-4.0',
	'CC-BY-SA-4.0',
	'CC-BY-NC-4.0',
	'CC0-1.0',
	'ODC-By-1.0',
	'ODbL-1.0',
	'CDLA-Permissive-2.0',
	'Apache-2.0',
	'MIT'
] as const;

/** An unticked checkbox sends nothing: absent means no, never yes. */
const checkbox = z
	.literal('on')
	.optional()
	.transform((v) => v === 'on');

const text = (label: string, max: number) =>
	z.string().trim().max(max, `${label} is too long: at most ${max.toLocaleString('en')} characters.`);

export const DatasetFields = z.object({
	title: text('The title', 200).min(1, 'Give the dataset a title.'),
	description: text('The description', 5000).default(''),
	guidelines: text('The guidelines', 50000).default(''),
	overlapTarget: z.coerce
		.number({ error: 'Votes per pair must be a whole number.' })
		.int('Votes per pair must be a whole number.')
		.min(1, 'Votes per pair must be at least 1.')
		.max(100, 'Votes per pair can be at most 100.')
});

export const NewDataset = DatasetFields.extend({
	slug: z
		.string()
		.trim()
		.max(64, 'The short name is too long: at most 64 characters.')
		.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'The short name may hold lowercase letters, digits and single hyphens, like code-review.')
});

export const TermsDraft = z.object({
	summary: text('The summary', 2000).min(1, 'Write the plain-language summary volunteers read first.'),
	fullText: text('The full text', 100000).min(1, 'Write the full text of the terms.'),
	allowTrainAi: checkbox,
	allowEvaluate: checkbox,
	allowPublish: checkbox,
	allowCommercial: checkbox,
	openWeightsOnly: checkbox,
	license: z.enum(LICENSES, { error: 'Choose a license from the list.' }),
	attribution: z.enum(['pseudonymous', 'named_on_request'], { error: 'Choose how contributors may be credited.' }),
	withdrawalPolicy: text('The withdrawal policy', 5000).min(1, 'Say how withdrawal works.'),
	retention: text('The retention', 5000).min(1, 'Say how long votes are kept.'),
	contact: text('The contact', 320).min(1, 'Give a contact for questions about the terms.'),
	material: checkbox
});
export type TermsDraft = z.infer<typeof TermsDraft>;

export const StatusChange = z.object({ status: z.enum(['open', 'closed'], { error: 'Open or close: nothing else.' }) });

const Overview = z.object({
	draft_version: z.number().int().nullable(),
	base_version: z.number().int().nullable(),
	summary: z.string().nullable(),
	full_text: z.string().nullable(),
	allow_train_ai: z.boolean().nullable(),
	allow_evaluate: z.boolean().nullable(),
	allow_publish: z.boolean().nullable(),
	allow_commercial: z.boolean().nullable(),
	open_weights_only: z.boolean().nullable(),
	license: z.string().nullable(),
	attribution: z.string().nullable(),
	withdrawal_policy: z.string().nullable(),
	retention: z.string().nullable(),
	contact: z.string().nullable(),
	material: z.boolean().nullable(),
	volunteers: z.number().int(),
	votes: z.number().int().nullable()
});
export type Overview = z.infer<typeof Overview>;

export async function createDataset(db: DbPort, caller: Caller, input: z.infer<typeof NewDataset>): Promise<string> {
	return z.string().parse(
		await db.rpc(
			'create_dataset',
			{
				slug: input.slug,
				title: input.title,
				description: input.description,
				guidelines: input.guidelines,
				overlap_target: input.overlapTarget
			},
			caller
		)
	);
}

export async function updateDataset(db: DbPort, caller: Caller, slug: string, input: z.infer<typeof DatasetFields>) {
	await db.rpc(
		'update_dataset',
		{
			dataset_slug: slug,
			title: input.title,
			description: input.description,
			guidelines: input.guidelines,
			overlap_target: input.overlapTarget
		},
		caller
	);
}

export async function setStatus(db: DbPort, caller: Caller, slug: string, status: 'open' | 'closed') {
	await db.rpc('set_dataset_status', { dataset_slug: slug, status }, caller);
}

export async function saveTermsDraft(db: DbPort, caller: Caller, slug: string, t: TermsDraft): Promise<number> {
	return z.number().int().parse(
		await db.rpc(
			'save_terms_draft',
			{
				dataset_slug: slug,
				summary: t.summary,
				full_text: t.fullText,
				allow_train_ai: t.allowTrainAi,
				allow_evaluate: t.allowEvaluate,
				allow_publish: t.allowPublish,
				allow_commercial: t.allowCommercial,
				open_weights_only: t.openWeightsOnly,
				license: t.license,
				attribution: t.attribution,
				withdrawal_policy: t.withdrawalPolicy,
				retention: t.retention,
				contact: t.contact,
				material: t.material
			},
			caller
		)
	);
}

export async function publishTerms(db: DbPort, caller: Caller, slug: string): Promise<number> {
	return z.number().int().parse(await db.rpc('publish_terms', { dataset_slug: slug }, caller));
}

export async function stewardOverview(db: DbPort, caller: Caller, slug: string): Promise<Overview> {
	return z.array(Overview).parse(await db.rpc('steward_overview', { dataset_slug: slug }, caller))[0]!;
}
