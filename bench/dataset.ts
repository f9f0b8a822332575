import type { SqlDriver } from '../src/lib/server/db/driver';
import { asUser, type Member } from '../src/lib/server/db/port';
import { log, timed } from './support';

export interface BigDataset {
	slug: string;
	datasetId: number;
	/** Consented volunteers with no votes yet, for the timed loop. */
	volunteers: Member[];
}

export interface Shape {
	pairs: number;
	/** Volunteers who cast the bulk votes; each votes on `votesPerVoter` distinct pairs. */
	voters: number;
	votesPerVoter: number;
	/** Extra consented volunteers who start with no votes. */
	fresh: number;
	overlapTarget: number;
}

export const SLUG = 'bench-100k';

/** Volunteer `n`'s id, computable inside SQL so a million votes need no join to find their author. */
const uid = (n: string) => `('b0000000-0000-4000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
const volunteerId = (n: number) => `b0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

// Realistic text length without a corpus: each pair takes different slices of this.
export const TEXT = `Sure. **Short answer:** it depends on how the data is laid out and what you need to read back.
Here is how I would approach it, step by step:

1. Measure first. Time the slow path with a realistic amount of data, not a toy example.
2. Look at the query plan and check that the index you expect is the one being used.
3. Keep the hot path small: one round trip where possible, and no work the caller does not need.

If the table is large, an index on the columns you filter by will matter far more than any change to
the application code. A covering index can even avoid touching the table at all. Be careful with
functions applied to indexed columns, since they usually prevent the index from being used, and with
implicit casts between text and numbers. Finally, remember that caches hide problems: a query that is
fast the second time may still be slow for the first visitor of the day, so test with a cold cache too.
> Note: the right answer for a small table is often "do nothing", because a sequential scan of a few
> pages is cheaper than any index lookup. Only optimise what you have measured to be slow.`;

/**
 * An open dataset as it would look after months of use: `pairs` pairs, published terms, consented
 * volunteers and their votes with the assignments they answered. Bulk-loaded as the owner; the
 * votes and assignments go in with triggers off (session_replication_role = replica), which is
 * what makes a million rows feasible, so the counters the triggers keep are then set from the
 * real counts and checked.
 */
export async function buildDataset(driver: SqlDriver, shape: Shape): Promise<BigDataset> {
	const votes = shape.voters * shape.votesPerVoter;
	if (votes % shape.pairs !== 0 || shape.voters % (votes / shape.pairs) !== 0) {
		throw new Error('voters × votesPerVoter must spread evenly over the pairs');
	}
	const votesPerPair = votes / shape.pairs;
	if (votesPerPair >= shape.overlapTarget) throw new Error('leave headroom below the overlap target');

	const { datasetId, termsId } = await timed('dataset, steward, published terms', () =>
		driver.transaction(async (tx) => {
			const [steward] = await tx.query<{ id: string }>(
				`insert into auth.users (email, encrypted_password) values ('steward@bench.example', 'x') returning id`
			);
			await tx.query(`insert into profiles (id, display_name) values ($1, 'Steward')`, [steward!.id]);
			const [d] = await tx.query<{ id: number }>(
				`insert into datasets (slug, title, overlap_target, created_by) values ($1, 'Benchmark', $2, $3) returning id`,
				[SLUG, shape.overlapTarget, steward!.id]
			);
			const [t] = await tx.query<{ id: number }>(
				`insert into terms_versions (dataset_id, version, summary, full_text, contact, allow_train_ai, created_by)
				 values ($1, 1, 'Summary', 'Full text', 'steward@bench.example', true, $2) returning id`,
				[d!.id, steward!.id]
			);
			await tx.query(`update terms_versions set status = 'published' where id = $1`, [t!.id]);
			await tx.query(`update datasets set status = 'open' where id = $1`, [d!.id]);
			return { datasetId: d!.id, termsId: t!.id };
		})
	);

	await timed(`${shape.pairs.toLocaleString('en')} pairs`, () =>
		driver.query(
			`insert into pairs (dataset_id, external_id, prompt, response_a, response_b, model_a, model_b, metadata)
			 select $1, 'pair-' || g,
			        jsonb_build_array(jsonb_build_object('role', 'user', 'content',
			          'Question ' || g || ': ' || substr($2, 1 + (g * 7) % 400, 80 + g % 120) || '?')),
			        jsonb_build_array(jsonb_build_object('role', 'assistant', 'content', substr($2, 1 + (g * 13) % 500, 200 + g % 250))),
			        jsonb_build_array(jsonb_build_object('role', 'assistant', 'content', substr($2, 1 + (g * 17) % 500, 200 + (g * 3) % 250))),
			        'model-a-7b-instruct', 'model-b-8b-chat', jsonb_build_object('source', 'bench', 'n', g)
			 from generate_series(1, $3) g`,
			[datasetId, TEXT, shape.pairs]
		)
	);

	const people = shape.voters + shape.fresh;
	await timed(`${people.toLocaleString('en')} volunteers with consent`, () =>
		driver.transaction(async (tx) => {
			await tx.query(
				`insert into auth.users (id, email, encrypted_password, created_at)
				 select ${uid('u')}, 'volunteer-' || u || '@bench.example', 'not-a-real-hash', now() - interval '120 days'
				 from generate_series(0, $1 - 1) u`,
				[people]
			);
			await tx.query(
				`insert into profiles (id, display_name, created_at)
				 select ${uid('u')}, 'Volunteer ' || u, now() - interval '120 days' from generate_series(0, $1 - 1) u`,
				[people]
			);
			await tx.query(
				`insert into consents (dataset_id, user_id, terms_version_id, accepted_at)
				 select $1, ${uid('u')}, $2, now() - interval '100 days' from generate_series(0, $3 - 1) u`,
				[datasetId, termsId, people]
			);
		})
	);

	await timed(`${votes.toLocaleString('en')} assignments and votes`, () =>
		driver.transaction(async (tx) => {
			await tx.query('set local session_replication_role = replica');
			// Vote i is voter i % voters in round i / voters. Each round gives every voter one pair,
			// `votesPerPair` voters share each pair, and each round uses a different block of pairs, so
			// (pair, voter) is unique. Ids grow with time, as they would have.
			const block = shape.voters / votesPerPair;
			await tx.query(
				`insert into assignments (dataset_id, pair_id, user_id, shown_left, state, created_at, expires_at)
				 select $1, p0.id + (i / $3) * $2 + (i % $3) % $2, ${uid('i % $3')},
				        case when random() < 0.5 then 'a' else 'b' end, 'voted', t, t + interval '15 minutes'
				 from (select min(id) as id from pairs where dataset_id = $1) p0,
				      generate_series(0, $4 - 1) i,
				      lateral (select now() - interval '90 days' + i * interval '7 seconds' as t) ts`,
				[datasetId, block, shape.voters, votes]
			);
			await tx.query(
				`insert into votes (dataset_id, pair_id, user_id, consent_id, terms_version_id, winner, strength, shown_left,
				                    rationale, created_at, assignment_id)
				 select s.dataset_id, s.pair_id, s.user_id, c.id, c.terms_version_id,
				        case when r < 0.4 then 'a' when r < 0.8 then 'b' when r < 0.92 then 'tie' else 'both_bad' end,
				        case when r < 0.8 then case when r2 < 0.3 then 2 else 1 end end,
				        s.shown_left,
				        case when r2 < 0.05 then 'The left one answers the question; the other drifts off topic.' end,
				        s.created_at + interval '25 seconds', s.id
				 from (select a.*, random() as r, random() as r2 from assignments a where a.dataset_id = $1) s
				 join consents c on c.dataset_id = s.dataset_id and c.user_id = s.user_id`,
				[datasetId]
			);
		})
	);

	await timed('counters from the real counts', () =>
		driver.query(
			`with v as (select pair_id, count(*)::int as n from votes where dataset_id = $1 group by pair_id),
			      l as (select pair_id, count(*)::int as n from assignments
			            where dataset_id = $1 and state = 'leased' group by pair_id)
			 update pairs p set vote_count = coalesce(v.n, 0), lease_count = coalesce(l.n, 0)
			 from pairs q left join v on v.pair_id = q.id left join l on l.pair_id = q.id
			 where p.id = q.id and p.dataset_id = $1`,
			[datasetId]
		)
	);
	await timed('vacuum analyze', () => driver.exec('vacuum analyze'));
	await timed('check', () => check(driver, datasetId, shape, votes));

	const volunteers = Array.from({ length: shape.fresh }, (_, i) => {
		const n = shape.voters + i;
		return asUser(volunteerId(n), `volunteer-${n}@bench.example`);
	});
	return { slug: SLUG, datasetId, volunteers };
}

/** The bulk load bypassed the triggers: prove the rows are what the triggers would have kept. */
async function check(driver: SqlDriver, datasetId: number, shape: Shape, votes: number) {
	const [c] = await driver.query<Record<string, number>>(
		`select
		   (select pair_count from datasets where id = $1)::int as pair_count,
		   (select count(*) from pairs where dataset_id = $1)::int as pairs,
		   (select count(*) from votes where dataset_id = $1)::int as votes,
		   (select count(*) from assignments where dataset_id = $1 and state = 'voted')::int as voted,
		   (select count(*) from pairs p where p.dataset_id = $1 and (p.vote_count, p.lease_count) is distinct from (
		      (select count(*) from votes v where v.pair_id = p.id)::int,
		      (select count(*) from assignments a where a.pair_id = p.id and a.state = 'leased')::int))::int as wrong_counters,
		   (select count(*) from votes v
		    left join assignments a on a.id = v.assignment_id
		    left join consents c on c.id = v.consent_id
		    where v.dataset_id = $1
		      and (a.pair_id, a.user_id, a.shown_left, c.user_id, c.dataset_id, c.terms_version_id)
		          is distinct from (v.pair_id, v.user_id, v.shown_left, v.user_id, v.dataset_id, v.terms_version_id))::int
		     as unmatched,
		   (select min(vote_count) from pairs where dataset_id = $1) as min_votes,
		   (select max(vote_count) from pairs where dataset_id = $1) as max_votes,
		   (select count(*) from consents where dataset_id = $1)::int as consents`,
		[datasetId]
	);
	const expected = {
		pair_count: shape.pairs,
		pairs: shape.pairs,
		votes,
		voted: votes,
		wrong_counters: 0,
		unmatched: 0,
		consents: shape.voters + shape.fresh
	};
	for (const [key, want] of Object.entries(expected)) {
		if (c![key] !== want) throw new Error(`bulk load check: ${key} is ${c![key]}, expected ${want}`);
	}
	log(
		`  checked: ${c!.pairs} pairs (pair_count agrees), ${c!.votes} votes each answering a 'voted' assignment of its ` +
			`pair and author under the author's consent, vote_count ${c!.min_votes}–${c!.max_votes} per pair and equal to the real count, no live leases`
	);
}
