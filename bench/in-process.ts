import type { SqlDriver } from '../src/lib/server/db/driver';
import type { Member } from '../src/lib/server/db/port';
import { runAs, sqlPort } from '../src/lib/server/db/sql-adapter';
import type { BigDataset } from './dataset';
import { stats, type Stats } from './support';

const CHOICES = ['left-much-better', 'left-better', 'tie', 'right-better', 'right-much-better', 'both-bad'];

type Assignment = { assignment_id: number; pair_id: number };

export interface InProcess {
	/** The unit, as the ranking page's vote action makes it: vote_and_next on the live assignment. */
	loop: Stats;
	/** One insert of a vote-sized row into a table with only a primary key, one select of a pair by id. */
	floor: Stats;
	/** A transaction that switches claims and role, then `select 1`: what each rpc pays first. */
	roleSwitch: Stats;
}

/**
 * The annotate loop through the db port, as the ranking page's action runs it, with the same
 * PGlite's floor and the role switch measured in the same iterations: interleaving them means
 * a hiccup of this shared machine lands on all three alike, so the ratio stays honest.
 * Volunteers take turns, so every call switches identity, as requests from many people do.
 */
export async function inProcess(driver: SqlDriver, data: BigDataset, n: number, warmup: number): Promise<InProcess> {
	const port = sqlPort(driver);
	const next = async (who: Member) => {
		const [a] = await port.rpc<Assignment[]>('next_pair', { dataset_slug: data.slug }, who);
		if (!a) throw new Error(`next_pair handed ${who.email} nothing: the dataset ran out of open pairs`);
		return a.assignment_id;
	};
	const live = new Map<Member, number>();
	for (const who of data.volunteers) live.set(who, await next(who));

	await driver.exec(`
		create table public.bench_floor (
			id bigint generated always as identity primary key,
			pair_id bigint not null,
			user_id uuid not null,
			winner text not null,
			strength smallint,
			shown_left text not null,
			rationale text,
			created_at timestamptz not null default now()
		)`);
	const [range] = await driver.query<{ lo: number; hi: number }>(
		'select min(id)::int as lo, max(id)::int as hi from pairs where dataset_id = $1',
		[data.datasetId]
	);
	const { lo, hi } = range!;

	const t = { loop: [] as number[], floor: [] as number[], role: [] as number[] };
	for (let i = 0; i < warmup + n; i++) {
		const who = data.volunteers[i % data.volunteers.length]!;
		// Pairs all over the table, not the few the loop is filling.
		const pairId = lo + ((i * 7919) % (hi - lo + 1));

		const t0 = performance.now();
		const [following] = await port.rpc<Assignment[]>(
			'vote_and_next',
			{ dataset_slug: data.slug, assignment_id: live.get(who), choice: CHOICES[i % CHOICES.length], rationale: null },
			who
		);
		const t2 = performance.now();
		if (!following) throw new Error(`vote_and_next handed ${who.email} nothing: the dataset ran out of open pairs`);
		live.set(who, following.assignment_id);
		await driver.query(
			`insert into public.bench_floor (pair_id, user_id, winner, strength, shown_left) values ($1, $2, 'a', 1, 'b')`,
			[pairId, who.userId]
		);
		await driver.query('select * from public.pairs where id = $1', [pairId]);
		const t3 = performance.now();
		await runAs(driver, who, (tx) => tx.query('select 1'));
		const t4 = performance.now();

		if (i < warmup) continue;
		t.loop.push(t2 - t0);
		t.floor.push(t3 - t2);
		t.role.push(t4 - t3);
	}
	await driver.exec('drop table public.bench_floor');

	const [cast] = await driver.query<{ n: number }>(
		'select count(*)::int as n from votes where user_id = any($1::uuid[])',
		[data.volunteers.map((v) => v.userId)]
	);
	if (cast!.n !== warmup + n) throw new Error(`the loop cast ${cast!.n} votes, expected ${warmup + n}`);

	return {
		loop: stats(t.loop),
		floor: stats(t.floor),
		roleSwitch: stats(t.role)
	};
}
