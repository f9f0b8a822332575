import type { SqlDriver } from '../../src/lib/server/db/driver';
import type { Member } from '../../src/lib/server/db/port';
import { runAs, sqlPort } from '../../src/lib/server/db/sql-adapter';
import { alphaAccumulator, positionBias } from '../../src/lib/server/export/agreement';
import { plainText } from '../../src/lib/server/export/columns';
import type { Message } from '../../src/lib/server/export/rows';
import type { ExportStatistics } from '../../src/lib/server/export/statistics';
import { publishTerms, type TermsFields } from '../support/datasets';
import { createUser } from '../support/users';

/** What each volunteer answers on each pair: a/b with strength, a tie, or both bad. */
export type Answer = 'a2' | 'a1' | 'b1' | 'b2' | 'tie' | 'bad';

function choiceFor(answer: Answer, shownLeft: 'a' | 'b'): string {
	if (answer === 'tie') return 'tie';
	if (answer === 'bad') return 'both-bad';
	const side = answer[0] === shownLeft ? 'left' : 'right';
	return `${side}-${answer[1] === '2' ? 'much-better' : 'better'}`;
}

export const pairPrompt = (i: number): Message[] =>
	i % 2 === 0
		? [
				{ role: 'system', content: 'Answer briefly.' },
				{ role: 'user', content: `Question ${i}: "quotes", ünïcode ✓` }
			]
		: [{ role: 'user', content: `Question ${i}` }];

/** An open dataset with `pairs` pairs (some multi-turn, one without model names), made by its steward. */
export async function exportDataset(driver: SqlDriver, steward: Member, slug: string, pairs: number, terms: TermsFields) {
	const id = await runAs(driver, steward, async (tx) => {
		const [d] = await tx.query<{ id: number }>(
			`insert into datasets (slug, title, overlap_target, created_by) values ($1, $1, 10, $2) returning id`,
			[slug, steward.userId]
		);
		for (let i = 1; i <= pairs; i++) {
			await tx.query(
				`insert into pairs (dataset_id, external_id, prompt, response_a, response_b, model_a, model_b)
				 values ($1, $2, $3, $4, $5, $6, $7)`,
				[
					d!.id,
					`p${i}`,
					JSON.stringify(pairPrompt(i)),
					JSON.stringify([{ role: 'assistant', content: `A answer ${i}` }]),
					JSON.stringify([{ role: 'assistant', content: `B answer ${i}\nsecond line` }]),
					i === 3 ? null : 'model-x',
					i === 3 ? null : 'model-y'
				]
			);
		}
		return d!.id;
	});
	await publishTerms(driver, steward, id, terms);
	await runAs(driver, steward, (tx) => tx.query(`update datasets set status = 'open' where id = $1`, [id]));
	return id;
}

type Next = { assignment_id: number; pair_id: number; left_response: Message[] };

/** A new volunteer who consents and answers every pair they are handed, by its external id. */
export async function volunteer(driver: SqlDriver, slug: string, name: string, answers: Record<string, Answer>) {
	const who = await createUser(driver, name);
	const rpc = <T>(fn: string, args: Record<string, unknown>) => sqlPort(driver).rpc<T>(fn, args, who);
	await rpc('give_consent', { dataset_slug: slug });
	for (;;) {
		const [next] = await rpc<Next[]>('next_pair', { dataset_slug: slug });
		if (!next) break;
		const [pair] = await driver.query<{ external_id: string }>('select external_id from pairs where id = $1', [next.pair_id]);
		const answer = answers[pair!.external_id];
		if (!answer) {
			await rpc('skip_pair', { assignment_id: next.assignment_id });
			continue;
		}
		const shownLeft = next.left_response[0]!.content.startsWith('A ') ? 'a' : 'b';
		await rpc('submit_vote', {
			assignment_id: next.assignment_id,
			choice: choiceFor(answer, shownLeft),
			rationale: answer === 'a2' ? `${name} finds A much clearer` : null
		});
	}
	return who;
}

interface DbVote {
	id: number;
	pair_id: number;
	winner: 'a' | 'b' | 'tie' | 'both_bad';
	strength: number | null;
	shown_left: 'a' | 'b';
	rationale: string | null;
	created_at: Date;
	terms_version: number;
	allow_train_ai: boolean;
	allow_evaluate: boolean;
	allow_publish: boolean;
	allow_commercial: boolean;
	open_weights_only: boolean;
	withdrawn: boolean;
	prompt: Message[];
	response_a: Message[];
	response_b: Message[];
	model_a: string | null;
	model_b: string | null;
	annotator_pid: string;
}

export interface Declared {
	purpose: 'train-ai' | 'evaluate' | 'publish';
	commercial: boolean;
	openWeights: boolean;
	minVotes?: number;
	minAgreement?: number;
}

/**
 * What an export should hold, worked out here from the tables (read as the owner) without the
 * export functions: the oracle the files are compared with.
 */
export async function expectedRows(driver: SqlDriver, datasetId: number, d: Declared) {
	const votes = await driver.query<DbVote>(
		`select v.id, v.pair_id, v.winner, v.strength, v.shown_left, v.rationale, v.created_at,
		        t.version as terms_version, t.allow_train_ai, t.allow_evaluate, t.allow_publish,
		        t.allow_commercial, t.open_weights_only, c.withdrawn_at is not null as withdrawn,
		        p.prompt, p.response_a, p.response_b, p.model_a, p.model_b,
		        'a_' || left(encode(sha256(convert_to(k.pseudonym_key || ':' || v.dataset_id || ':' || v.user_id, 'UTF8')), 'hex'), 20) as annotator_pid
		 from votes v join consents c on c.id = v.consent_id join terms_versions t on t.id = v.terms_version_id
		 join pairs p on p.id = v.pair_id cross join private.export_secrets k
		 where v.dataset_id = $1 order by v.id`,
		[datasetId]
	);
	const allowed = votes.filter(
		(v) =>
			!v.withdrawn &&
			(d.purpose === 'train-ai' ? v.allow_train_ai : d.purpose === 'evaluate' ? v.allow_evaluate : v.allow_publish) &&
			(!d.commercial || v.allow_commercial) &&
			(d.openWeights || !v.open_weights_only)
	);
	const byPair = new Map<number, DbVote[]>();
	for (const v of allowed) byPair.set(v.pair_id, [...(byPair.get(v.pair_id) ?? []), v]);
	const kept = allowed
		.filter((v) => byPair.get(v.pair_id)!.length >= (d.minVotes ?? 1))
		.sort((x, y) => x.pair_id - y.pair_id || x.id - y.id);

	const arena = { a: 'model_a', b: 'model_b', tie: 'tie', both_bad: 'tie (bothbad)' };
	const voteRows = kept.map((v) => ({
		pair_id: v.pair_id,
		prompt: v.prompt,
		response_a: v.response_a,
		response_b: v.response_b,
		model_a: v.model_a,
		model_b: v.model_b,
		winner: arena[v.winner],
		winner_model_a: v.winner === 'a' ? 1 : 0,
		winner_model_b: v.winner === 'b' ? 1 : 0,
		winner_tie: v.winner === 'tie' || v.winner === 'both_bad' ? 1 : 0,
		strength: v.strength,
		shown_left: v.shown_left === 'a' ? 'model_a' : 'model_b',
		annotator_pid: v.annotator_pid,
		rationale: v.rationale,
		terms_version: v.terms_version,
		created_at: v.created_at.getTime()
	}));

	const preferenceRows = [...byPair.entries()]
		.sort(([x], [y]) => x - y)
		.flatMap(([pairId, pv]) => {
			if (pv.length < (d.minVotes ?? 1)) return [];
			const score = (side: 'a' | 'b') => pv.filter((v) => v.winner === side).reduce((s, v) => s + v.strength!, 0);
			const [sa, sb] = [score('a'), score('b')];
			const bad = pv.filter((v) => v.winner === 'both_bad').length;
			if (sa === sb || bad * 2 > pv.length) return [];
			const side = sa > sb ? 'a' : 'b';
			const agreement = pv.filter((v) => v.winner === side).length / pv.length;
			if (agreement < (d.minAgreement ?? 0)) return [];
			const p = pv[0]!;
			return [
				{
					prompt: p.prompt,
					chosen: side === 'a' ? p.response_a : p.response_b,
					rejected: side === 'a' ? p.response_b : p.response_a,
					chosen_model: side === 'a' ? p.model_a : p.model_b,
					rejected_model: side === 'a' ? p.model_b : p.model_a,
					score_chosen: Math.max(sa, sb),
					score_rejected: Math.min(sa, sb),
					margin: Math.abs(sa - sb),
					n_votes: pv.length,
					agreement,
					pair_id: pairId,
					terms_version: Math.max(...pv.map((v) => v.terms_version))
				}
			];
		});
	const standardRows = preferenceRows.map((r) => ({
		...r,
		prompt: plainText(r.prompt),
		chosen: plainText(r.chosen),
		rejected: plainText(r.rejected)
	}));
	// The card's figures, vote by vote: alpha over each pair's votes on the five-point scale (a
	// tie and "both bad" both 0), and the decisive votes won by the response shown on the left.
	const scale = (v: DbVote) => (v.winner === 'a' ? v.strength! : v.winner === 'b' ? -v.strength! : 0);
	const alpha = alphaAccumulator('ordinal');
	const keptPairs = new Map<number, number[]>();
	for (const v of kept) keptPairs.set(v.pair_id, [...(keptPairs.get(v.pair_id) ?? []), scale(v)]);
	for (const values of keptPairs.values()) alpha.addUnit(values);
	const decisive = kept.filter((v) => v.winner === 'a' || v.winner === 'b');
	const statistics: ExportStatistics = {
		agreement: { ...alpha.result(), metric: 'ordinal' },
		positionBias: positionBias(decisive.length, decisive.filter((v) => v.winner === v.shown_left).length),
		votesPerPair: keptPairs.size ? kept.length / keptPairs.size : 0
	};
	return { votes: voteRows, preferences: preferenceRows, 'preferences-standard': standardRows, statistics };
}
