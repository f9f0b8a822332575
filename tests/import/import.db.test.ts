import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDriver } from '../../src/lib/server/db/driver';
import type { Member } from '../../src/lib/server/db/port';
import { sqlPort } from '../../src/lib/server/db/sql-adapter';
import { importPairs } from '../../src/lib/server/import';
import { backends } from '../support/backends';
import { refusal } from '../support/refusal';
import { createUser } from '../support/users';
import { chosenFirst, jsonl, streamOf } from './files';

const pair = (i: number, extra: Record<string, unknown> = {}) => ({ prompt: `Question ${i}?`, response_a: `A${i}`, response_b: `B${i}`, ...extra });

for (const backend of backends) {
	describe.skipIf(backend.skip)(`a steward imports pairs on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
		let driver: SqlDriver;
		let dispose: () => Promise<void>;
		let ann: Member, bo: Member;
		const db = () => sqlPort(driver);
		const run = (slug: string, content: string, who = ann, format: 'jsonl' | 'csv' = 'jsonl') =>
			importPairs(db(), who, slug, format, streamOf(content, 1024), undefined, { random: chosenFirst });
		const count = async (slug: string) => {
			const [d] = await driver.query<{ pair_count: string; actual: string }>(
				`select d.pair_count::text, (select count(*) from pairs p where p.dataset_id = d.id)::text as actual
				 from datasets d where d.slug = $1`,
				[slug]
			);
			expect(d!.pair_count, 'the pair_count counter').toBe(d!.actual);
			return Number(d!.actual);
		};

		beforeAll(async () => {
			({ driver, dispose } = await backend.fresh());
			ann = await createUser(driver, 'ann');
			bo = await createUser(driver, 'bo');
			await db().rpc('create_dataset', { slug: 'imports', title: 'Imports' }, ann);
		});
		afterAll(() => dispose?.());

		it('imports a good file in file order, and the pair counter matches', async () => {
			const file = jsonl(pair(1, { id: 'x1', model_a: 'm1', metadata: { k: 1 } }), pair(2), { prompt: 'Q3', chosen: 'good', rejected: 'bad' });
			expect(await run('imports', file)).toEqual({ imported: 3, duplicates: 0, duplicateRows: [] });
			expect(await count('imports')).toBe(3);
			const rows = await driver.query<Record<string, unknown>>(
				`select external_id, prompt, response_a, response_b, model_a, metadata from pairs p
				 join datasets d on d.id = p.dataset_id where d.slug = 'imports' order by p.id`
			);
			expect(rows[0]).toEqual({
				external_id: 'x1',
				prompt: [{ role: 'user', content: 'Question 1?' }],
				response_a: [{ role: 'assistant', content: 'A1' }],
				response_b: [{ role: 'assistant', content: 'B1' }],
				model_a: 'm1',
				metadata: { k: 1 }
			});
			expect(rows.map((r) => (r.prompt as Array<{ content: string }>)[0]!.content)).toEqual(['Question 1?', 'Question 2?', 'Q3']);
		});

		it('imports CSV the same way', async () => {
			await db().rpc('create_dataset', { slug: 'from-csv', title: 'From CSV' }, ann);
			const result = await run('from-csv', 'prompt,response_a,response_b\n"Q, one",A,B\nQ2,A,B\n', ann, 'csv');
			expect(result).toEqual({ imported: 2, duplicates: 0, duplicateRows: [] });
			expect(await count('from-csv')).toBe(2);
		});

		it('imports nothing from a file with one bad row', async () => {
			const rows = Array.from({ length: 30 }, (_, i) => pair(100 + i));
			rows[16] = pair(116, { response_b: '' });
			expect(await run('imports', jsonl(...rows))).toEqual({ problems: ['row 17: response_b is empty'] });
			expect(await count('imports')).toBe(3);
		});

		it('skips and reports pairs already in the dataset or repeated in the file, in either order of responses', async () => {
			const file = jsonl(
				pair(1), // in the dataset already
				pair(200),
				{ prompt: 'Question 200?', response_a: 'B200', response_b: 'A200' }, // row 2, swapped
				pair(201),
				{ prompt: 'Q3', response_a: 'bad', response_b: 'good' } // the TRL row imported earlier
			);
			expect(await run('imports', file)).toEqual({ imported: 2, duplicates: 3, duplicateRows: [1, 3, 5] });
			expect(await count('imports')).toBe(5);
			expect(await run('imports', file)).toEqual({ imported: 0, duplicates: 5, duplicateRows: [1, 2, 3, 4, 5] });
			expect(await count('imports')).toBe(5);
		});

		it('skips a re-imported file whose rows carry ids, and a repeated pair whose id is taken, as duplicates', async () => {
			await db().rpc('create_dataset', { slug: 'again', title: 'Again' }, ann);
			const file = jsonl(pair(1, { id: 'r1' }), pair(2, { id: 'r2' }), pair(2, { id: 'r3' }));
			expect(await run('again', file)).toEqual({ imported: 2, duplicates: 1, duplicateRows: [3] });
			expect(await run('again', file)).toEqual({ imported: 0, duplicates: 3, duplicateRows: [1, 2, 3] });
			// Row 3 repeats row 2, which is new, under an id the dataset gives another pair: still a duplicate.
			const repeat = jsonl(pair(5, { id: 'r5' }), pair(5, { id: 'r1' }), pair(6));
			expect(await run('again', repeat)).toEqual({ imported: 2, duplicates: 1, duplicateRows: [2] });
			expect(await count('again')).toBe(4);
			// A clash after a repeat of an earlier row, named by its own row.
			expect(await run('again', jsonl(pair(7), pair(7, { id: 'r2' }), pair(8, { id: 'r1' })))).toEqual({
				problems: ['row 3: id "r1" is already used by another pair in this dataset']
			});
			expect(await count('again')).toBe(4);
		});

		it('imports nothing when a new pair reuses an id the dataset holds, naming the row', async () => {
			expect(await run('imports', jsonl(pair(300), pair(301, { id: 'x1' })))).toEqual({
				problems: ['row 2: id "x1" is already used by another pair in this dataset']
			});
			expect(await count('imports')).toBe(5);
		});

		it('refuses someone who is not a steward of the dataset, and adds nothing', async () => {
			const err = await refusal(run('imports', jsonl(pair(400)), bo));
			expect(err.code).toBe('42501');
			expect(err.message).toMatch(/only the stewards of "imports"/);
			expect(await count('imports')).toBe(5);
		});

		it('imports 10,000 pairs in one call', async () => {
			await db().rpc('create_dataset', { slug: 'big', title: 'Big' }, ann);
			const file = jsonl(...Array.from({ length: 10_000 }, (_, i) => pair(i, { id: `b${i}`, model_a: 'm', model_b: 'n' })));
			expect(await importPairs(db(), ann, 'big', 'jsonl', streamOf(file, 64 * 1024))).toMatchObject({ imported: 10_000, duplicates: 0 });
			expect(await count('big')).toBe(10_000);
		});
	});
}
