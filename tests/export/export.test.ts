import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDriver } from '../../src/lib/server/db/driver';
import type { Member } from '../../src/lib/server/db/port';
import { sqlPort } from '../../src/lib/server/db/sql-adapter';
import { SHAPE_COLUMNS, type Column } from '../../src/lib/server/export/columns';
import { sha256File } from '../../src/lib/server/export/manifest';
import type { Format, Shape } from '../../src/lib/server/export/request';
import { FOOTER_KEYS, runExport } from '../../src/lib/server/export/run';
import { exportStatistics } from '../../src/lib/server/export/statistics';
import { backends } from '../support/backends';
import { publishTerms } from '../support/datasets';
import { createUser } from '../support/users';
import { expectedRows, exportDataset, volunteer, type Answer, type Declared } from './fixture';
import { normalRows, readJsonl, readWithDuckdb, readWithHyparquet } from './readers';

const SLUG = 'exported';

// Per pair, what volunteers 1-4 answer. Volunteers 1-3 consent to terms v1 (train-ai and
// evaluate); volunteer 4 to v2 (train-ai only).
const ANSWERS: Record<string, Answer[]> = {
	p1: ['a2', 'a1', 'b1', 'a1'],
	p2: ['b1', 'b2', 'b1', 'tie'],
	p3: ['tie', 'tie', 'a1', 'bad'],
	p4: ['a1', 'b1', 'tie', 'bad'],
	p5: ['bad', 'bad', 'a1', 'bad'],
	p6: ['bad', 'a2', 'b1', 'b2']
};
const answersOf = (n: number) => Object.fromEntries(Object.entries(ANSWERS).map(([pair, a]) => [pair, a[n]!]));

const SHAPES: Shape[] = ['preferences', 'preferences-standard', 'votes'];
const FORMATS: Format[] = ['parquet', 'jsonl'];
const TRAIN: Declared = { purpose: 'train-ai', commercial: false, openWeights: true };

for (const backend of backends) {
	describe.skipIf(backend.skip)(`exports on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
		let driver: SqlDriver;
		let dispose: () => Promise<void>;
		let datasetId: number;
		let researcher: Member;
		let volunteers: Member[];
		let dir: string;

		async function exportAs(shape: Shape, format: Format, d: Declared = TRAIN, pageSize = 2) {
			const out = await mkdtemp(join(dir, `${shape}-${format}-`));
			const filters = {
				...(d.minVotes === undefined ? {} : { min_votes: d.minVotes }),
				...(d.minAgreement === undefined ? {} : { min_agreement: d.minAgreement })
			};
			const result = await runExport(
				sqlPort(driver),
				researcher,
				{ dataset: SLUG, purpose: d.purpose, commercial: d.commercial, openWeights: d.openWeights, shape, format, filters },
				out,
				{ pageSize }
			);
			return { out, result, path: join(out, result.dataFiles[0]!.path) };
		}

		/** The export's rows, read back: JSONL directly, Parquet by both readers, which must agree. */
		async function rowsOf(shape: Shape, format: Format, d: Declared = TRAIN) {
			const { path, result } = await exportAs(shape, format, d);
			const columns = SHAPE_COLUMNS[shape].columns as Column<unknown>[];
			if (format === 'jsonl') return { rows: normalRows(columns, await readJsonl(path)), result, path };
			const [hy, duck] = await Promise.all([readWithHyparquet(path), readWithDuckdb(path)]);
			const rows = normalRows(columns, hy.rows);
			expect(normalRows(columns, duck.rows)).toEqual(rows);
			return { rows, result, path };
		}

		beforeAll(async () => {
			({ driver, dispose } = await backend.fresh());
			dir = await mkdtemp(join(tmpdir(), 'pc-export-'));
			const steward = await createUser(driver, 'steward');
			datasetId = await exportDataset(driver, steward, SLUG, 6, { allow_train_ai: true, allow_evaluate: true });
			volunteers = [];
			for (const n of [0, 1, 2]) volunteers.push(await volunteer(driver, SLUG, `v${n + 1}`, answersOf(n)));
			await publishTerms(driver, steward, datasetId, { allow_train_ai: true, allow_evaluate: false });
			volunteers.push(await volunteer(driver, SLUG, 'v4', answersOf(3)));
			researcher = await createUser(driver, 'researcher');
		});
		afterAll(async () => {
			await dispose?.();
			if (dir) await rm(dir, { recursive: true, force: true });
		});

		it('holds, in every shape and format, exactly the rows the database holds for the declared use', async () => {
			const expected = await expectedRows(driver, datasetId, TRAIN);
			expect(expected.votes).toHaveLength(24);
			// p1, p2, p3 and p6 have a preferred response; p4 ends in a tie, p5 in "both bad".
			expect(expected.preferences.map((r) => r.pair_id)).toHaveLength(4);
			for (const shape of SHAPES) {
				const byFormat = await Promise.all(FORMATS.map((format) => rowsOf(shape, format)));
				for (const { rows } of byFormat) expect(rows).toEqual(expected[shape]);
			}
		});

		it('counts, when it freezes, the agreement and position figures of exactly the votes the export holds', async () => {
			for (const declared of [TRAIN, { ...TRAIN, minVotes: 4 }, { ...TRAIN, minVotes: 5 }, { purpose: 'evaluate', commercial: false, openWeights: true }] as Declared[]) {
				const expected = (await expectedRows(driver, datasetId, declared)).statistics;
				for (const shape of ['preferences', 'votes'] as Shape[]) {
					const { result } = await exportAs(shape, 'jsonl', declared);
					expect(exportStatistics(result.snapshot.statistics)).toEqual(expected);
				}
			}
			expect((await expectedRows(driver, datasetId, TRAIN)).statistics).toMatchObject({
				agreement: { units: 6, values: 24 },
				positionBias: { decisive: 14 },
				votesPerPair: 4
			});
		});

		it('aggregates votes as the documented rule says', async () => {
			const { rows } = await rowsOf('preferences', 'jsonl');
			const p1 = rows.find((r) => (r.chosen as { content: string }[])[0]!.content === 'A answer 1')!;
			// a2 + a1 + a1 against b1: chosen A, 4 to 1, three of four votes agree; v4 voted under v2.
			expect(p1).toMatchObject({ score_chosen: 4, score_rejected: 1, margin: 3, n_votes: 4, agreement: 0.75, terms_version: 2 });
			expect(p1.chosen_model).toBe('model-x');
			const p3 = rows.find((r) => (r.chosen as { content: string }[])[0]!.content === 'A answer 3')!;
			expect(p3).toMatchObject({ score_chosen: 1, score_rejected: 0, n_votes: 4, agreement: 0.25, chosen_model: null });
		});

		it('writes TRL preference rows: prompt, chosen, rejected; roles known; assistant turns only in chosen and rejected', async () => {
			const { rows } = await rowsOf('preferences', 'parquet');
			expect(rows.length).toBeGreaterThan(0);
			for (const row of rows) {
				for (const key of ['prompt', 'chosen', 'rejected']) {
					const messages = row[key] as { role: string; content: string }[];
					expect(messages.length).toBeGreaterThan(0);
					for (const m of messages) {
						expect(['system', 'user', 'assistant']).toContain(m.role);
						expect(typeof m.content).toBe('string');
					}
				}
				expect((row.chosen as { role: string }[]).every((m) => m.role === 'assistant')).toBe(true);
				expect((row.rejected as { role: string }[]).every((m) => m.role === 'assistant')).toBe(true);
				expect((row.prompt as { role: string }[]).at(-1)!.role).toBe('user');
			}
			const standard = await rowsOf('preferences-standard', 'parquet');
			for (const row of standard.rows) for (const key of ['prompt', 'chosen', 'rejected']) expect(typeof row[key]).toBe('string');
		});

		it('writes Parquet with real nested columns, zstd row groups, and the terms and export id in the footer', async () => {
			const { path, result } = await exportAs('votes', 'parquet', TRAIN, 5);
			const [hy, duck] = await Promise.all([readWithHyparquet(path), readWithDuckdb(path)]);
			expect(hy.rowGroups).toBe(5);
			expect([...hy.codecs]).toEqual(['ZSTD']);
			expect(duck.types.prompt).toBe('STRUCT("role" VARCHAR, "content" VARCHAR)[]');
			expect(duck.types.created_at).toBe('TIMESTAMP WITH TIME ZONE');
			for (const footer of [hy.footer, duck.footer]) {
				expect(footer[FOOTER_KEYS.exportId]).toBe(String(result.exportId));
				const terms = JSON.parse(footer[FOOTER_KEYS.terms]!) as { version: number; allow_train_ai: boolean }[];
				expect(terms.map((t) => t.version)).toEqual([1, 2]);
				expect(terms.every((t) => t.allow_train_ai)).toBe(true);
			}
		});

		it('writes a manifest with the request, row counts, terms versions and the sha256 of the data, and stores it', async () => {
			const { out, result, path } = await exportAs('preferences', 'parquet', { ...TRAIN, minVotes: 2 });
			const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
			expect(manifest).toEqual(result.manifest);
			expect(manifest).toMatchObject({
				export_id: result.exportId,
				requested_by: researcher.userId,
				purpose: 'train-ai',
				conditions: { commercial: false, open_weights: true },
				filters: { min_votes: 2, min_agreement: 0 },
				shape: 'preferences',
				format: 'parquet',
				row_counts: { 'data/train.parquet': 4 },
				votes: 24
			});
			expect(manifest.terms_versions.map((t: { version: number }) => t.version)).toEqual([1, 2]);
			expect(manifest.files).toEqual([{ path: 'data/train.parquet', bytes: expect.any(Number), sha256: await sha256File(path), rows: 4 }]);
			expect(manifest.aggregation_rule).toMatch(/"both bad"/);
			const [stored] = await sqlPort(driver).rpc<{ id: number; status: string; row_count: number; manifest: unknown }[]>(
				'list_exports',
				{ dataset_slug: SLUG },
				researcher
			);
			expect(stored).toMatchObject({ id: result.exportId, status: 'finished', row_count: 4, manifest });
		});

		it('applies min_votes and min_agreement', async () => {
			const d: Declared = { ...TRAIN, minAgreement: 0.5 };
			const { rows } = await rowsOf('preferences', 'jsonl', d);
			expect(rows).toEqual((await expectedRows(driver, datasetId, d)).preferences);
			expect(rows.every((r) => (r.agreement as number) >= 0.5)).toBe(true);
			expect(rows.length).toBeLessThan((await expectedRows(driver, datasetId, TRAIN)).preferences.length);
			// Every pair has 4 votes for training, 3 of them under terms that allow evaluation.
			for (const [declared, count] of [
				[{ ...TRAIN, minVotes: 5 }, 0],
				[{ ...TRAIN, minVotes: 4 }, 24],
				[{ purpose: 'evaluate', commercial: false, openWeights: true, minVotes: 4 }, 0],
				[{ purpose: 'evaluate', commercial: false, openWeights: true, minVotes: 3 }, 18]
			] as [Declared, number][]) {
				const votes = await rowsOf('votes', 'jsonl', declared);
				expect(votes.rows).toEqual((await expectedRows(driver, datasetId, declared)).votes);
				expect(votes.rows).toHaveLength(count);
			}
		});

		it('leaves out the votes whose terms forbid the declared purpose or conditions', async () => {
			const evaluate: Declared = { purpose: 'evaluate', commercial: false, openWeights: true };
			const { rows } = await rowsOf('votes', 'parquet', evaluate);
			const v4 = await expectedRows(driver, datasetId, TRAIN);
			expect(rows).toEqual((await expectedRows(driver, datasetId, evaluate)).votes);
			expect(rows).toHaveLength(18);
			const v4pids = new Set(v4.votes.filter((r) => r.terms_version === 2).map((r) => r.annotator_pid));
			expect(v4pids.size).toBe(1);
			expect(rows.some((r) => v4pids.has(r.annotator_pid as string))).toBe(false);

			for (const format of FORMATS) {
				const commercial = await rowsOf('votes', format, { ...TRAIN, commercial: true });
				expect(commercial.rows).toEqual([]);
				const closedWeights = await rowsOf('preferences', format, { ...TRAIN, openWeights: false });
				expect(closedWeights.rows).toEqual([]);
				expect(closedWeights.result.manifest.terms_versions).toEqual([]);
			}
		});

		it('records an export that could not be written as failed, and drops what it froze', async () => {
			const blocked = join(dir, 'not-a-folder');
			await writeFile(blocked, 'a file where the export folder should be');
			const request = { dataset: SLUG, purpose: 'train-ai', commercial: false, openWeights: true, shape: 'preferences', format: 'parquet' } as const;
			await expect(runExport(sqlPort(driver), researcher, request, blocked)).rejects.toThrow();
			const [latest] = await sqlPort(driver).rpc<{ id: number; status: string; manifest: unknown }[]>('list_exports', { dataset_slug: SLUG }, researcher);
			expect(latest).toMatchObject({ status: 'failed', manifest: null });
			const left = await driver.query<{ n: number }>(
				`select (select count(*) from private.export_votes where export_id = $1)::int + (select count(*) from private.export_pairs where export_id = $1)::int
				        + (select count(*) from private.export_voters where export_id = $1)::int as n`,
				[latest!.id]
			);
			expect(left[0]!.n).toBe(0);
		});

		it('after a withdrawal, the next export holds none of that person’s votes', async () => {
			const before = await rowsOf('votes', 'jsonl');
			const pidsBefore = new Set(before.rows.map((r) => r.annotator_pid));
			expect(pidsBefore.size).toBe(4);
			await sqlPort(driver).rpc('withdraw_consent', { dataset_slug: SLUG }, volunteers[2]!);
			for (const shape of SHAPES) {
				for (const format of FORMATS) {
					const { rows } = await rowsOf(shape, format);
					expect(rows).toEqual((await expectedRows(driver, datasetId, TRAIN))[shape]);
				}
			}
			const after = await rowsOf('votes', 'parquet');
			const pidsAfter = new Set(after.rows.map((r) => r.annotator_pid));
			const gone = [...pidsBefore].filter((pid) => !pidsAfter.has(pid));
			expect(gone).toHaveLength(1);
			expect(before.rows.filter((r) => r.annotator_pid === gone[0])).toHaveLength(6);
			expect(after.rows).toHaveLength(before.rows.length - 6);
		});
	});
}
