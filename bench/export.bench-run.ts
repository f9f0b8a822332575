import { DuckDBInstance } from '@duckdb/node-api';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'rolldown';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { SqlDriver } from '../src/lib/server/db/driver';
import { openPglite } from '../src/lib/server/db/pglite-driver';
import { prepareDatabase } from '../src/lib/server/db/setup';
import { SHAPE_COLUMNS } from '../src/lib/server/export/columns';
import { parquetWriter } from '../src/lib/server/export/parquet';
import type { Format, Shape as ExportShape } from '../src/lib/server/export/request';
import { DEFAULT_PAGE_SIZE, type PreferenceRow } from '../src/lib/server/export/rows';
import { buildDataset, type BigDataset, type Shape } from './dataset';
import { hyparquetWriter } from './hyparquet-writer';
import { figures, heading, log, MB, ratio, record, seconds, table, timed } from './support';

const quick = process.env.BENCH_QUICK === '1';
const shape: Shape = quick
	? { pairs: 10_000, voters: 1_000, votesPerVoter: 100, fresh: 1, overlapTarget: 12 }
	: { pairs: 100_000, voters: 10_000, votesPerVoter: 100, fresh: 1, overlapTarget: 12 };
const PAGE_SIZE = 20_000;
const TARGET_RATIO = 2;
const TARGET_RSS = 512e6;
const RESEARCHER = 'c0000000-0000-4000-8000-000000000001';

interface ChildResult {
	ms: number;
	rows: number;
	bytes: number;
	openedRss: number;
	peakRss: number;
}

/** The rows each shape reads, by a bare query on the tables: what the floor's COPY hands out. */
const floorSql = (datasetId: number): Record<'votes' | 'preferences', string> => ({
	votes: `select v.id, v.pair_id, p.prompt, p.response_a, p.response_b, p.model_a, p.model_b, v.winner, v.strength,
	               v.shown_left, v.user_id, v.rationale, t.version, v.created_at
	        from votes v join pairs p on p.id = v.pair_id join terms_versions t on t.id = v.terms_version_id
	        where v.dataset_id = ${datasetId} order by v.id`,
	preferences: `select p.id, p.prompt, p.response_a, p.response_b, p.model_a, p.model_b, x.n, x.score_a, x.score_b, x.both_bad, x.terms_version_id
	              from (select pair_id, count(*) as n, sum(strength) filter (where winner = 'a') as score_a,
	                           sum(strength) filter (where winner = 'b') as score_b,
	                           count(*) filter (where winner = 'both_bad') as both_bad, max(terms_version_id) as terms_version_id
	                    from votes where dataset_id = ${datasetId} group by pair_id) x
	              join pairs p on p.id = x.pair_id order by p.id`
});

describe('export', () => {
	const work = mkdtempSync(join(tmpdir(), 'pc-bench-export-'));
	const dataDir = join(work, 'pgdata');
	let driver: SqlDriver | undefined;
	let data: BigDataset;
	let child: string;
	let duck: DuckDBInstance;

	async function inChild(job: Record<string, unknown>): Promise<ChildResult> {
		const { stdout } = await promisify(execFile)(process.execPath, [child, JSON.stringify({ dataDir, ...job })], {
			maxBuffer: 1 << 20
		});
		if (process.env.BENCH_DEBUG) log(stdout.trim());
		return JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildResult;
	}

	beforeAll(async () => {
		heading(`setup: ${quick ? 'QUICK, a tenth of the data' : 'full size'}, PGlite in ${dataDir}`);
		driver = await timed('open PGlite on an empty directory (initdb)', () => openPglite(dataDir));
		await timed('migrate', () => prepareDatabase(driver!, { demoData: false }));
		data = await buildDataset(driver, shape);
		await driver.query(`insert into auth.users (id, email, encrypted_password) values ($1, 'researcher@bench.example', 'x')`, [RESEARCHER]);
		await driver.query(`insert into profiles (id, display_name) values ($1, 'Researcher')`, [RESEARCHER]);
		await driver.close();
		driver = undefined;
		// Inside the project, so that the bundle's imports resolve to its node_modules.
		const bundle = join(process.cwd(), 'node_modules/.cache/pc-bench-export');
		await build({
			input: 'bench/export-child.ts',
			platform: 'node',
			external: (id) => !id.startsWith('.') && !id.startsWith('/'),
			output: { dir: bundle, format: 'esm', entryFileNames: 'export-child.mjs' },
			logLevel: 'silent'
		});
		child = join(bundle, 'export-child.mjs');
		duck = await DuckDBInstance.create(':memory:');
	});

	afterAll(async () => {
		await driver?.close();
		rmSync(work, { recursive: true, force: true });
		heading('summary');
		table(
			['figure', 'value', 'target', 'met'],
			figures.map((f) => [f.what, f.value, f.target ?? '', f.met === undefined ? '' : f.met ? 'yes' : 'NO'])
		);
	});

	it('preferences and votes, Parquet and JSONL, beside the floor', async () => {
		heading(`export of ${(shape.voters * shape.votesPerVoter).toLocaleString('en')} votes over ${shape.pairs.toLocaleString('en')} pairs, the export's own pages (${Object.entries(DEFAULT_PAGE_SIZE).map(([rows, n]) => `${n.toLocaleString('en')} ${rows}`).join(', ')}), each in its own process`);
		const rows: string[][] = [];
		for (const floorShape of ['preferences', 'votes'] as const) {
			const csvPath = join(work, `${floorShape}.csv`);
			const copy = await inChild({ mode: 'floor', sql: floorSql(data.datasetId)[floorShape], csvPath });
			// DuckDB writes the same rows as each export's own format: a floor that writes no file
			// would measure a JSONL export against the database's work alone.
			const duckMs: Record<Format, number> = { parquet: 0, jsonl: 0 };
			const duckOptions: Record<Format, string> = { parquet: 'format parquet, compression zstd', jsonl: 'format json' };
			for (const format of ['parquet', 'jsonl'] as Format[]) {
				const out = join(work, `${floorShape}-duckdb.${format}`);
				const connection = await duck.connect();
				const t = performance.now();
				await connection.run(
					`copy (select * from read_csv('${csvPath}', header = true, quote = '"', escape = '"')) to '${out}' (${duckOptions[format]})`
				);
				duckMs[format] = performance.now() - t;
				connection.closeSync();
				log(`  floor ${floorShape}: DuckDB CSV → ${format} ${seconds(duckMs[format])} (${MB(statSync(out).size)})`);
				rmSync(out);
			}
			const floor = { jsonl: copy.ms + duckMs.jsonl, parquet: copy.ms + duckMs.parquet };
			log(`  floor ${floorShape}: binary COPY of ${copy.rows.toLocaleString('en')} rows ${seconds(copy.ms)}`);
			rmSync(csvPath);

			const exportShape: ExportShape = floorShape;
			for (const format of ['parquet', 'jsonl'] as Format[]) {
				const outDir = join(work, `${exportShape}-${format}`);
				const r = await inChild({
					mode: 'export',
					researcher: RESEARCHER,
					outDir,
					request: { dataset: data.slug, purpose: 'train-ai', commercial: false, openWeights: true, shape: exportShape, format }
				});
				const x = r.ms / floor[format];
				rows.push([
					`${exportShape} ${format}`,
					r.rows.toLocaleString('en'),
					seconds(r.ms),
					seconds(floor[format]),
					ratio(x),
					ratio(r.ms / copy.ms),
					MB(r.bytes),
					MB(r.openedRss),
					MB(r.peakRss)
				]);
				record({ what: `${exportShape} ${format}: time / floor`, value: ratio(x), target: `≤ ${TARGET_RATIO}×`, met: x <= TARGET_RATIO });
				record({ what: `${exportShape} ${format}: time / COPY alone`, value: ratio(r.ms / copy.ms) });
				record({ what: `${exportShape} ${format}: peak RSS`, value: MB(r.peakRss), target: `≤ ${MB(TARGET_RSS)}`, met: r.peakRss <= TARGET_RSS });
				rmSync(outDir, { recursive: true, force: true });
			}
		}
		log();
		table(['export', 'rows', 'time', 'floor', 'ratio', 'vs COPY alone', 'file', 'RSS opened', 'RSS peak'], rows);
		log('  floor: PGlite binary COPY of the same rows, plus DuckDB writing them in the export\'s format (zstd Parquet, or JSONL).');
	});

	it('Parquet writers on the same rows: parquet-wasm (through apache-arrow) and hyparquet-writer', async () => {
		const pages = 5;
		heading(`${pages} × ${PAGE_SIZE.toLocaleString('en')} preference rows, one row group per page`);
		const db = await openPglite(dataDir);
		const page = await db.query<PreferenceRow>(
			`select id as pair_id, prompt, response_a as chosen, response_b as rejected, model_a as chosen_model, model_b as rejected_model,
			        2 as score_chosen, 1 as score_rejected, 1 as margin, 10 as n_votes, 0.7::float8 as agreement, 1 as terms_version
			 from pairs order by id limit ${PAGE_SIZE}`
		);
		await db.close();
		const columns = SHAPE_COLUMNS.preferences.columns;
		const metadata = new Map([['preference_commons.export_id', '0']]);
		const dir = join(work, 'writers');
		mkdirSync(dir);
		const results: string[][] = [];
		const writers = {
			'parquet-wasm, zstd (the export writer)': (path: string) => parquetWriter<PreferenceRow>(path, columns, metadata, PAGE_SIZE),
			'hyparquet-writer, snappy': (path: string) => hyparquetWriter<PreferenceRow>(path, columns, metadata)
		};
		for (const [name, open] of Object.entries(writers)) {
			const path = join(dir, `${name.split(',')[0]}.parquet`);
			const t = performance.now();
			const writer = open(path);
			for (let i = 0; i < pages; i++) await writer.write(page);
			await writer.close();
			const ms = performance.now() - t;
			const connection = await duck.connect();
			const [check] = (await (await connection.runAndReadAll(`select count(*)::int as n from read_parquet('${path}')`)).getRowObjectsJS()) as { n: number }[];
			connection.closeSync();
			if (check!.n !== pages * page.length) throw new Error(`${name} wrote ${check!.n} rows`);
			const size = `${(statSync(path).size / 1e6).toFixed(1)} MB`;
			results.push([name, seconds(ms), `${Math.round((pages * page.length) / (ms / 1000)).toLocaleString('en')} rows/s`, size]);
			record({ what: `writer ${name}`, value: `${seconds(ms)}, ${size}` });
		}
		table(['writer', 'time', 'rate', 'file'], results);
	});
});
