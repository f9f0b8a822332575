import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDriver } from '../../src/lib/server/db/driver';
import { DbError, type Member } from '../../src/lib/server/db/port';
import { runAs, sqlPort } from '../../src/lib/server/db/sql-adapter';
import { backends } from '../support/backends';
import { openDataset } from '../support/datasets';
import { createUser } from '../support/users';

type Assignment = { assignment_id: number; pair_id: number; prompt: unknown; left_response: unknown; right_response: unknown };
type Vote = { vote_id: number; pair_id: number; winner: string; strength: number | null };

for (const backend of backends) {
	describe.skipIf(backend.skip)(`assigning pairs and recording votes on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
		let driver: SqlDriver;
		let dispose: () => Promise<void>;
		let steward: Member;
		const rpc = <T>(fn: string, args: Record<string, unknown>, who: Member) => sqlPort(driver).rpc<T>(fn, args, who);
		const next = async (who: Member, slug: string) => (await rpc<Assignment[]>('next_pair', { dataset_slug: slug }, who))[0];
		const submit = (who: Member, assignmentId: number, choice: string) =>
			rpc<Vote[]>('submit_vote', { assignment_id: assignmentId, choice }, who).then((rows) => rows[0]!);

		const dataset = (slug: string, pairs: number, overlapTarget: number) =>
			openDataset(driver, steward, slug, { pairs, overlapTarget });

		async function volunteer(name: string, datasetId: number): Promise<Member> {
			const who = await createUser(driver, name);
			await consentTo(who, datasetId);
			return who;
		}
		async function consentTo(who: Member, datasetId: number) {
			await runAs(driver, who, (tx) =>
				tx.query(
					`insert into consents (dataset_id, user_id, terms_version_id)
					 select $1, $2, id from terms_versions where dataset_id = $1 and status = 'published'`,
					[datasetId, who.userId]
				)
			);
		}
		/** Counters as kept by triggers, beside the counts they stand for. */
		async function counters(datasetId: number) {
			return driver.query<{ id: number; vote_count: number; lease_count: number; votes: number; leases: number }>(
				`select p.id, p.vote_count, p.lease_count,
				        (select count(*)::int from votes v where v.pair_id = p.id) as votes,
				        (select count(*)::int from assignments a where a.pair_id = p.id and a.state = 'leased') as leases
				 from pairs p where p.dataset_id = $1 order by p.id`,
				[datasetId]
			);
		}

		beforeAll(async () => {
			({ driver, dispose } = await backend.fresh());
			steward = await createUser(driver, 'steward');
		});
		afterAll(() => dispose?.());

		it('fills pairs evenly up to the target, never shows anyone a pair twice, then says nothing is left', async () => {
			const id = await dataset('even-fill', 5, 3);
			const people = await Promise.all(['ann', 'ben', 'cy', 'dee'].map((n) => volunteer(n, id)));
			const seen = new Set<string>();
			for (let round = 0; round < 5; round++) {
				for (const who of people) {
					const a = await next(who, 'even-fill');
					if (!a) continue;
					const key = `${who.userId}:${a.pair_id}`;
					expect(seen.has(key), 'a pair was handed to the same person twice').toBe(false);
					seen.add(key);
					const loads = (await counters(id)).map((p) => p.vote_count + p.lease_count);
					expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
					await submit(who, a.assignment_id, 'tie');
				}
			}
			const final = await counters(id);
			expect(final.map((p) => p.vote_count)).toEqual([3, 3, 3, 3, 3]);
			expect(final.every((p) => p.votes === p.vote_count && p.leases === p.lease_count)).toBe(true);
			for (const who of people) expect(await next(who, 'even-fill')).toBeUndefined();
		});

		it('gives back the same live assignment until it is answered', async () => {
			const id = await dataset('same-lease', 3, 1);
			const who = await volunteer('eve', id);
			const first = await next(who, 'same-lease');
			expect(await next(who, 'same-lease')).toEqual(first);
		});

		it('frees a pair when its lease expires', async () => {
			const id = await dataset('expiry', 1, 1);
			const [fay, gus] = [await volunteer('fay', id), await volunteer('gus', id)];
			const held = await next(fay, 'expiry');
			expect(held).toBeDefined();
			expect(await next(gus, 'expiry')).toBeUndefined();
			await driver.query(`update assignments set expires_at = now() - interval '1 second' where id = $1`, [held!.assignment_id]);
			expect((await next(gus, 'expiry'))?.pair_id).toBe(held!.pair_id);
			expect((await counters(id))[0]).toMatchObject({ lease_count: 1, leases: 1 });
		});

		it('never hands the last open slot to two people asking at once', async () => {
			const id = await dataset('last-slot', 1, 1);
			const crowd = await Promise.all(Array.from({ length: 8 }, (_, i) => volunteer(`crowd${i}`, id)));
			const got = (await Promise.all(crowd.map((who) => next(who, 'last-slot')))).filter(Boolean);
			expect(got).toHaveLength(1);
			expect((await counters(id))[0]).toMatchObject({ lease_count: 1, leases: 1 });
		});

		it('records one vote per assignment however often it is submitted, positioned as it was shown', async () => {
			const id = await dataset('idempotent', 2, 2);
			const who = await volunteer('hal', id);
			const a = (await next(who, 'idempotent'))!;
			// A double click (two at once), then a retry after the first answer.
			const [first, twin] = await Promise.all([
				submit(who, a.assignment_id, 'left-much-better'),
				submit(who, a.assignment_id, 'left-much-better')
			]);
			const retry = await submit(who, a.assignment_id, 'left-much-better');
			expect(twin.vote_id).toBe(first.vote_id);
			expect(retry.vote_id).toBe(first.vote_id);
			const rows = await driver.query<{ winner: string; strength: number; shown_left: string }>(
				'select v.winner, v.strength, v.shown_left from votes v where v.user_id = $1',
				[who.userId]
			);
			expect(rows).toHaveLength(1);
			const shownLeft = rows[0]!.shown_left;
			// The left response was response_{shown_left}: that one won, strongly.
			expect(rows[0]).toEqual({ winner: shownLeft, strength: 2, shown_left: shownLeft });
			const left = shownLeft === 'a' ? 'answer A' : 'answer B';
			expect(a.left_response).toEqual([{ role: 'assistant', content: left }]);
			expect((await counters(id)).find((p) => p.id === a.pair_id)).toMatchObject({ vote_count: 1, votes: 1 });
		});

		it('records a vote and hands over the next pair in one call, counting both exactly', async () => {
			const id = await dataset('one-call', 3, 1);
			const who = await volunteer('ola', id);
			let a = (await next(who, 'one-call'))!;
			const answered: number[] = [];
			for (;;) {
				answered.push(a.pair_id);
				const [following] = await rpc<Assignment[]>(
					'vote_and_next',
					{ dataset_slug: 'one-call', assignment_id: a.assignment_id, choice: 'right-better' },
					who
				);
				if (!following) break;
				expect(answered).not.toContain(following.pair_id);
				a = following;
			}
			expect(answered).toHaveLength(3);
			const c = await counters(id);
			expect(c.map((p) => [p.vote_count, p.lease_count])).toEqual([[1, 0], [1, 0], [1, 0]]);
			expect(c.every((p) => p.votes === p.vote_count && p.leases === p.lease_count)).toBe(true);
		});

		it('refuses a choice it does not know, naming the ones it does', async () => {
			const id = await dataset('bad-choice', 1, 1);
			const who = await volunteer('ida', id);
			const a = (await next(who, 'bad-choice'))!;
			const err = await submit(who, a.assignment_id, 'left-ish').catch((e: unknown) => e);
			expect(err).toBeInstanceOf(DbError);
			expect((err as DbError).message).toMatch(/choice must be one of .*both-bad; got "left-ish"/);
		});

		it('refuses ranking without consent, and another person’s assignment', async () => {
			const id = await dataset('gate', 2, 2);
			const owner = await volunteer('jo', id);
			const stranger = await createUser(driver, 'kim');
			const err = await next(stranger, 'gate').catch((e: unknown) => e);
			expect((err as DbError).code).toBe('42501');
			const a = (await next(owner, 'gate'))!;
			await consentTo(stranger, id);
			const theft = await submit(stranger, a.assignment_id, 'tie').catch((e: unknown) => e);
			expect((theft as DbError).code).toBe('42501');
		});

		it('skips a pair for good, and frees its slot', async () => {
			const id = await dataset('skips', 2, 1);
			const who = await volunteer('lee', id);
			const a = (await next(who, 'skips'))!;
			expect(await rpc<boolean>('skip_pair', { assignment_id: a.assignment_id }, who)).toBe(true);
			const b = (await next(who, 'skips'))!;
			expect(b.pair_id).not.toBe(a.pair_id);
			await submit(who, b.assignment_id, 'both-bad');
			expect(await next(who, 'skips')).toBeUndefined();
			const other = await volunteer('max', id);
			expect((await next(other, 'skips'))?.pair_id).toBe(a.pair_id);
		});

		it('undoes the last vote within two minutes, handing its pair back', async () => {
			const id = await dataset('undo', 2, 1);
			const who = await volunteer('ned', id);
			const a = (await next(who, 'undo'))!;
			await submit(who, a.assignment_id, 'right-better');
			expect(await rpc<number | null>('undo_last_vote', { dataset_slug: 'undo' }, who)).toBe(a.pair_id);
			expect(await driver.query('select 1 from votes where user_id = $1', [who.userId])).toEqual([]);
			const again = (await next(who, 'undo'))!;
			expect(again.assignment_id).toBe(a.assignment_id);
			await submit(who, again.assignment_id, 'left-better');
			await driver.query(`update votes set created_at = now() - interval '3 minutes' where user_id = $1`, [who.userId]);
			expect(await rpc<number | null>('undo_last_vote', { dataset_slug: 'undo' }, who)).toBeNull();
			expect(await driver.query('select 1 from votes where user_id = $1', [who.userId])).toHaveLength(1);
			const c = await counters(id);
			expect(c.every((p) => p.votes === p.vote_count && p.leases === p.lease_count)).toBe(true);
		});
	});
}
