import { serviceRole, type DbPort } from '../db/port';

export interface Message {
	role: string;
	content: string;
}

/** A row of a `private.export_vote_page`. */
export interface VoteRow {
	vote_id: number;
	pair_id: number;
	prompt: Message[];
	response_a: Message[];
	response_b: Message[];
	model_a: string | null;
	model_b: string | null;
	winner: 'a' | 'b' | 'tie' | 'both_bad';
	strength: number | null;
	shown_left: 'a' | 'b';
	annotator_pid: string;
	rationale: string | null;
	terms_version: number;
	created_at: Date;
}

/** A row of a `private.export_preference_page`. */
export interface PreferenceRow {
	pair_id: number;
	prompt: Message[];
	chosen: Message[];
	rejected: Message[];
	chosen_model: string | null;
	rejected_model: string | null;
	score_chosen: number;
	score_rejected: number;
	margin: number;
	n_votes: number;
	agreement: number;
	terms_version: number;
}

/**
 * Rows a page holds unless asked otherwise, which is also a Parquet row group. A page's bytes are
 * what the peak memory follows (BENCHMARKS.md, "Export"): its parsed rows, Arrow batch and IPC
 * copy sit in the JavaScript heap together. At 1M votes, 5,000 votes (a pair's texts once per
 * pair and page) against 10,000 took a votes Parquet export's peak from 438–490 to 412–432 MB in
 * the same time, for a file of 23 MB instead of 21. A preference row always carries its texts:
 * 2,500 of them against 5,000 took a preferences export's peak from 408–498 to 368–403 MB in the
 * same 3.7–4.0 s.
 */
export const DEFAULT_PAGE_SIZE = { votes: 5_000, preferences: 2_500 } as const;

/**
 * One page, as service_role, the only role that may read the frozen votes. The page comes as one
 * JSON value (about 2.5x faster through PGlite than the same rows field by field), through the
 * same `public` function on every backend: PostgREST on Supabase, the SQL adapter elsewhere.
 */
function page<R>(db: DbPort, fn: string, args: Record<string, number>): Promise<R[]> {
	return db.rpc<R[]>(fn, args, serviceRole);
}

/**
 * The export's frozen votes, one page (one transaction) at a time, ordered by pair and vote.
 * The database sends a pair's texts once per page; here every row gets them back (shared, not
 * copied).
 */
export async function* votePages(db: DbPort, exportId: number, pageSize: number) {
	let afterPair = 0;
	let afterVote = 0;
	for (;;) {
		const rows = await page<VoteRow>(db, 'export_vote_page', {
			export_id: exportId,
			after_pair_id: afterPair,
			after_vote_id: afterVote,
			page_size: pageSize
		});
		let previous: VoteRow | undefined;
		for (const row of rows) {
			row.created_at = new Date(row.created_at);
			if (row.prompt === null && previous) {
				row.prompt = previous.prompt;
				row.response_a = previous.response_a;
				row.response_b = previous.response_b;
			}
			previous = row;
		}
		if (rows.length > 0) yield rows;
		if (rows.length < pageSize) return;
		({ pair_id: afterPair, vote_id: afterVote } = rows[rows.length - 1]!);
	}
}

/** The export's aggregated pairs, one page (one transaction) at a time, in pair id order. */
export async function* preferencePages(db: DbPort, exportId: number, pageSize: number) {
	let after = 0;
	for (;;) {
		const rows = await page<PreferenceRow>(db, 'export_preference_page', { export_id: exportId, after_pair_id: after, page_size: pageSize });
		if (rows.length > 0) yield rows;
		if (rows.length < pageSize) return;
		after = rows[rows.length - 1]!.pair_id;
	}
}
