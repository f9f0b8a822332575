import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SqlDriver } from '../../src/lib/server/db/driver';
import { DbError, type Member } from '../../src/lib/server/db/port';
import { sqlPort } from '../../src/lib/server/db/sql-adapter';
import { backends } from '../support/backends';
import { openDataset, publishTerms, type TermsFields } from '../support/datasets';
import { createUser } from '../support/users';

/**
 * Random histories of terms versions, consents, re-consents, withdrawals, restores and votes,
 * played against the database and against a model of DESIGN.md's consent rules written here
 * independently of the SQL. The database must refuse exactly what the model refuses, and the
 * export filter must return exactly the votes the model allows, for every purpose and condition.
 */

const PEOPLE = 3;
const PAIRS = 40;

type Flags = Required<Omit<TermsFields, 'material'>>;
type Op =
	| { kind: 'publish'; material: boolean; flags: Flags }
	| { kind: 'consent' | 'vote' | 'withdraw' | 'restore'; who: number };

const flags: fc.Arbitrary<Flags> = fc.record({
	allow_train_ai: fc.boolean(),
	allow_evaluate: fc.boolean(),
	allow_publish: fc.boolean(),
	allow_commercial: fc.boolean(),
	open_weights_only: fc.boolean()
});
const who = fc.integer({ min: 0, max: PEOPLE - 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('publish' as const), material: fc.boolean(), flags }) },
	{ weight: 3, arbitrary: fc.record({ kind: fc.constant('consent' as const), who }) },
	{ weight: 6, arbitrary: fc.record({ kind: fc.constant('vote' as const), who }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), who }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('restore' as const), who }) }
);

/** The rules, as DESIGN.md states them. */
class Model {
	versions: Array<{ material: boolean; flags: Flags }> = [];
	consents: Array<{ who: number; version: number; withdrawn: boolean; superseded: boolean }> = [];
	votes: Array<{ id: number; consent: number; version: number }> = [];

	current(who: number) {
		const i = this.consents.findIndex((c) => c.who === who && !c.withdrawn && !c.superseded);
		return i < 0 ? null : i;
	}
	mayVote(who: number) {
		const c = this.current(who);
		if (c === null) return false;
		const accepted = this.consents[c]!.version;
		return !this.versions.some((v, i) => i + 1 > accepted && v.material);
	}
	consent(who: number) {
		const latest = this.versions.length;
		const c = this.current(who);
		if (c !== null && this.consents[c]!.version === latest) return;
		if (c !== null) this.consents[c]!.superseded = true;
		this.consents.push({ who, version: latest, withdrawn: false, superseded: false });
	}
	withdraw(who: number) {
		for (const c of this.consents) if (c.who === who) c.withdrawn = true;
	}
	restore(who: number) {
		const c = this.current(who)!;
		for (const v of this.votes) {
			const owner = this.consents[v.consent]!;
			if (owner.who === who && owner.withdrawn) v.consent = c;
		}
	}
	exportable(purpose: 'train-ai' | 'evaluate' | 'publish', commercial: boolean, openWeights: boolean) {
		return this.votes
			.filter((v) => {
				const terms = this.versions[v.version - 1]!.flags;
				const allowed = { 'train-ai': terms.allow_train_ai, evaluate: terms.allow_evaluate, publish: terms.allow_publish }[purpose];
				return (
					!this.consents[v.consent]!.withdrawn &&
					allowed &&
					(!commercial || terms.allow_commercial) &&
					(openWeights || !terms.open_weights_only)
				);
			})
			.map((v) => v.id)
			.sort((a, b) => a - b);
	}
}

async function refused(p: Promise<unknown>): Promise<boolean> {
	try {
		await p;
		return false;
	} catch (e) {
		if (e instanceof DbError && e.code === '42501') return true;
		throw e;
	}
}

async function play(driver: SqlDriver, first: Flags, ops: Op[]) {
	const port = sqlPort(driver);
	const steward = await createUser(driver, 'steward');
	const people: Member[] = [];
	for (let i = 0; i < PEOPLE; i++) people.push(await createUser(driver, `person${i}`));
	const datasetId = await openDataset(driver, steward, 'history', { pairs: PAIRS, overlapTarget: PEOPLE, terms: first });
	const slug = { dataset_slug: 'history' };
	const model = new Model();
	model.versions.push({ material: true, flags: first });

	for (const step of ops) {
		if (step.kind === 'publish') {
			await publishTerms(driver, steward, datasetId, { material: step.material, ...step.flags });
			model.versions.push({ material: step.material, flags: step.flags });
			continue;
		}
		const person = people[step.who]!;
		if (step.kind === 'consent') {
			await port.rpc('give_consent', slug, person);
			model.consent(step.who);
		} else if (step.kind === 'withdraw') {
			await port.rpc('withdraw_consent', slug, person);
			model.withdraw(step.who);
		} else if (step.kind === 'restore') {
			const expectRefusal = !model.mayVote(step.who);
			expect(await refused(port.rpc('restore_votes', slug, person))).toBe(expectRefusal);
			if (!expectRefusal) model.restore(step.who);
		} else {
			const expectRefusal = !model.mayVote(step.who);
			const vote = port
				.rpc<Array<{ assignment_id: number }>>('next_pair', slug, person)
				.then(([a]) => port.rpc<Array<{ vote_id: number }>>('submit_vote', { assignment_id: a!.assignment_id, choice: 'tie' }, person));
			let id = 0;
			expect(await refused(vote.then((rows) => (id = rows[0]!.vote_id)))).toBe(expectRefusal);
			if (!expectRefusal) {
				const c = model.current(step.who)!;
				model.votes.push({ id, consent: c, version: model.consents[c]!.version });
			}
		}
	}

	for (const purpose of ['train-ai', 'evaluate', 'publish'] as const) {
		for (const commercial of [false, true]) {
			for (const openWeights of [false, true]) {
				const rows = await driver.query<{ id: number }>('select id from private.exportable_votes($1, $2, $3, $4) order by id', [
					datasetId,
					purpose,
					commercial,
					openWeights
				]);
				expect(rows.map((r) => r.id), `${purpose}, commercial ${commercial}, open weights ${openWeights}`).toEqual(
					model.exportable(purpose, commercial, openWeights)
				);
			}
		}
	}
}

for (const backend of backends) {
	describe.skipIf(backend.skip)(`the export filter over random histories on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
		it('returns exactly the votes the consent rules allow, and refuses exactly what they refuse', async () => {
			await fc.assert(
				fc.asyncProperty(flags, fc.array(op, { minLength: 5, maxLength: 30 }), async (first, ops) => {
					const { driver, dispose } = await backend.fresh();
					try {
						await play(driver, first, ops);
					} finally {
						await dispose();
					}
				}),
				{ numRuns: 40 }
			);
		}, 300_000);
	});
}
