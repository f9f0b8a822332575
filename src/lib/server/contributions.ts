import { z } from 'zod';
import { DatasetSlug } from './datasets';
import type { Caller, DbPort } from './db';

const Contribution = z.object({
	slug: z.string(),
	title: z.string(),
	consent: z.enum(['none', 'outdated', 'current']),
	terms_version: z.number().int(),
	credit: z.enum(['pseudonymous', 'named']),
	consented_at: z.string(),
	withdrawn_at: z.string().nullable(),
	votes_included: z.number().int(),
	votes_withdrawn: z.number().int(),
	/** Finished exports that held some of these votes: an audit record, untouched by withdrawal. */
	exports_including: z.number().int()
});
export type Contribution = z.infer<typeof Contribution>;

export const DatasetChoice = z.object({ slug: DatasetSlug });

export async function myContributions(db: DbPort, caller: Caller): Promise<Contribution[]> {
	return z.array(Contribution).parse(await db.rpc('my_contributions', {}, caller));
}

/** Withdraws every consent the caller holds to the dataset; returns how many votes that takes out. */
export async function withdraw(db: DbPort, caller: Caller, slug: string): Promise<number> {
	return z.number().int().parse(await db.rpc('withdraw_consent', { dataset_slug: slug }, caller));
}

/** Brings the caller's withdrawn votes back under their current consent; returns how many. */
export async function restore(db: DbPort, caller: Caller, slug: string): Promise<number> {
	return z.number().int().parse(await db.rpc('restore_votes', { dataset_slug: slug }, caller));
}

/** The caller's own votes in a dataset, one JSON object a line, as they may download them. */
export async function myVotesJsonl(db: DbPort, caller: Caller, slug: string): Promise<string> {
	const lines: string[] = [];
	// Until an empty page: a server may return fewer rows than asked (PostgREST's row limit).
	for (let after = 0; ; ) {
		const rows = z
			.array(z.object({ vote_id: z.number().int() }).passthrough())
			.parse(await db.rpc('my_votes', { dataset_slug: slug, after_vote_id: after }, caller));
		if (rows.length === 0) break;
		for (const row of rows) lines.push(JSON.stringify(row) + '\n');
		after = rows[rows.length - 1]!.vote_id;
	}
	return lines.join('');
}
