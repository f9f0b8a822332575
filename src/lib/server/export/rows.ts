import type { SqlDriver } from '../db/driver';
import { asServiceRole } from './service-role';

export interface Message {
	role: string;
	content: string;
}

/** A row of `private.export_vote_rows`. */
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

/** A row of `private.export_preference_rows`. */
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

export const DEFAULT_PAGE_SIZE = 20_000;

/**
 * The export's frozen votes, one page (one transaction) at a time, ordered by pair and vote.
 * The database sends a pair's texts once per page; here every row gets them back (shared, not
 * copied).
 */
export async function* votePages(driver: SqlDriver, exportId: number, pageSize = DEFAULT_PAGE_SIZE) {
	let afterPair = 0;
	let afterVote = 0;
	for (;;) {
		const rows = await asServiceRole(driver, (tx) =>
			tx.query<VoteRow>('select * from private.export_vote_rows($1, $2, $3, $4)', [exportId, afterPair, afterVote, pageSize])
		);
		let previous: VoteRow | undefined;
		for (const row of rows) {
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
export async function* preferencePages(driver: SqlDriver, exportId: number, pageSize = DEFAULT_PAGE_SIZE) {
	let after = 0;
	for (;;) {
		const rows = await asServiceRole(driver, (tx) =>
			tx.query<PreferenceRow>('select * from private.export_preference_rows($1, $2, $3)', [exportId, after, pageSize])
		);
		if (rows.length > 0) yield rows;
		if (rows.length < pageSize) return;
		after = rows[rows.length - 1]!.pair_id;
	}
}
