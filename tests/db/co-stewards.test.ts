import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDriver } from '../../src/lib/server/db/driver';
import { anon, type Member } from '../../src/lib/server/db/port';
import { sqlPort } from '../../src/lib/server/db/sql-adapter';
import { backends } from '../support/backends';
import { refusal } from '../support/refusal';
import { createUser } from '../support/users';

for (const backend of backends) {
	describe.skipIf(backend.skip)(`stewards add and remove co-stewards on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
		let driver: SqlDriver;
		let dispose: () => Promise<void>;
		let ann: Member, bo: Member, cy: Member;
		const rpc = <T>(fn: string, args: Record<string, unknown>, who: Member | typeof anon) => sqlPort(driver).rpc<T>(fn, args, who);
		const stewards = async () =>
			(
				await driver.query<{ email: string }>(
					`select u.email from dataset_stewards s join auth.users u on u.id = s.user_id
					 join datasets d on d.id = s.dataset_id where d.slug = 'shared' order by u.email`
				)
			).map((r) => r.email);

		beforeAll(async () => {
			({ driver, dispose } = await backend.fresh());
			ann = await createUser(driver, 'ann');
			bo = await createUser(driver, 'bo');
			cy = await createUser(driver, 'cy');
			await rpc('create_dataset', { slug: 'shared', title: 'Shared' }, ann);
		});
		afterAll(() => dispose?.());

		it('lets a steward add a co-steward by email, whatever its case, who can then steward the dataset', async () => {
			await rpc('add_steward', { dataset_slug: 'shared', email: ` ${bo.email!.toUpperCase()} ` }, ann);
			expect(await stewards()).toEqual([ann.email, bo.email].sort());
			await rpc('update_dataset', { dataset_slug: 'shared', title: 'Shared by two', description: '', guidelines: '', overlap_target: 3 }, bo);
			const list = await rpc<Array<{ email: string; added_by_email: string; is_you: boolean }>>('list_stewards', { dataset_slug: 'shared' }, bo);
			expect(list).toEqual([
				expect.objectContaining({ email: ann.email, added_by_email: ann.email, is_you: false }),
				expect.objectContaining({ email: bo.email, added_by_email: ann.email, is_you: true })
			]);
		});

		it('says plainly when the email has no account, or is already a steward, and changes nothing', async () => {
			const unknown = await refusal(rpc('add_steward', { dataset_slug: 'shared', email: 'nobody@example.org' }, ann));
			expect(unknown.message).toBe('nobody has an account with the email nobody@example.org: ask them to sign up first');
			const twice = await refusal(rpc('add_steward', { dataset_slug: 'shared', email: bo.email }, ann));
			expect(twice.message).toBe(`${bo.email} is already a steward of this dataset`);
			expect(await stewards()).toEqual([ann.email, bo.email].sort());
		});

		it('refuses someone who is not a steward: no adding, no removing, no list, no emails, not even directly', async () => {
			for (const [fn, args] of [
				['add_steward', { dataset_slug: 'shared', email: cy.email }],
				['remove_steward', { dataset_slug: 'shared', email: ann.email }],
				['list_stewards', { dataset_slug: 'shared' }]
			] as const) {
				expect((await refusal(rpc(fn, args, cy))).code, fn).toBe('42501');
				expect((await refusal(rpc(fn, args, anon))).code, `${fn} as anon`).toBe('42501');
			}
			const [ds] = await driver.query<{ id: string }>(`select id::text from datasets where slug = 'shared'`);
			// Straight at the table, as the data API would let a signed-in person try.
			const deleted = await driver.transaction(async (tx) => {
				await tx.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: cy.userId, role: 'authenticated' })]);
				await tx.query('set local role authenticated');
				return tx.query(`delete from public.dataset_stewards where dataset_id = $1 returning 1`, [ds!.id]);
			});
			expect(deleted).toEqual([]);
			const emails = await driver
				.transaction(async (tx) => {
					await tx.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: cy.userId, role: 'authenticated' })]);
					await tx.query('set local role authenticated');
					return tx.query(`select private.profile_by_email($1, $2)`, [ds!.id, ann.email]);
				})
				.then(
					() => 'answered',
					(e: Error) => e.message
				);
			expect(emails).toMatch(/only the stewards of this dataset may do that/);
			expect(await stewards()).toEqual([ann.email, bo.email].sort());
		});

		it('removes a steward, and never the last one', async () => {
			await rpc('remove_steward', { dataset_slug: 'shared', email: ann.email }, bo);
			expect(await stewards()).toEqual([bo.email]);
			expect((await refusal(rpc('update_dataset', { dataset_slug: 'shared', title: 'Mine', description: '', guidelines: '', overlap_target: 3 }, ann))).code).toBe('42501');
			const last = await refusal(rpc('remove_steward', { dataset_slug: 'shared', email: bo.email }, bo));
			expect(last.message).toBe('a dataset must keep at least one steward');
			expect(await stewards()).toEqual([bo.email]);
			expect((await refusal(rpc('remove_steward', { dataset_slug: 'shared', email: cy.email }, bo))).message).toBe(
				`${cy.email} is not a steward of this dataset`
			);
		});

		it('still lets a dataset be deleted with its stewards', async () => {
			await driver.query(`delete from datasets where slug = 'shared'`);
			expect(await stewards()).toEqual([]);
		});
	});
}
