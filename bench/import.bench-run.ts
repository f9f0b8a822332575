import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { SqlDriver } from '../src/lib/server/db/driver';
import { asUser, type Member } from '../src/lib/server/db/port';
import { pgliteDriver } from '../src/lib/server/db/pglite-driver';
import { prepareDatabase } from '../src/lib/server/db/setup';
import { sqlPort } from '../src/lib/server/db/sql-adapter';
import { importPairs, readPairs, type ImportedPair } from '../src/lib/server/import';
import { chunked, pairFile } from './import-file';
import { figures, heading, log, MB, ratio, record, seconds, table, timed } from './support';

// BENCH_QUICK=1: a tenth of the rows, for working on the bench itself.
const quick = process.env.BENCH_QUICK === '1';
const PAIRS = quick ? 10_000 : 100_000;
const TARGET_COPY_RATIO = 2;
const COLUMNS = 'dataset_id, external_id, prompt, response_a, response_b, model_a, model_b, metadata';

/** COPY's CSV: every value quoted, so only an unquoted empty field is NULL. */
function copyCsv(datasetId: number, pairs: ImportedPair[]): string {
	const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
	const opt = (s: string | null) => (s === null ? '' : q(s));
	const json = (v: unknown) => q(JSON.stringify(v));
	return pairs
		.map((p) =>
			[
				String(datasetId),
				opt(p.external_id),
				json(p.prompt),
				json(p.response_a),
				json(p.response_b),
				opt(p.model_a),
				opt(p.model_b),
				json(p.metadata)
			].join(',')
		)
		.join('\n');
}

const perSecond = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s`;

describe('pair import', () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'pc-bench-import-'));
	let pg: PGlite;
	let driver: SqlDriver;
	let steward: Member;
	let file: Uint8Array;

	beforeAll(async () => {
		heading(`import setup: ${quick ? 'QUICK, ' : ''}${PAIRS.toLocaleString('en')} pairs, PGlite in ${dataDir}`);
		pg = await timed('open PGlite on an empty directory (initdb)', () => PGlite.create({ dataDir }));
		driver = pgliteDriver(pg);
		await timed('migrate', () => prepareDatabase(driver, { demoData: false }));
		const [u] = await driver.query<{ id: string }>(
			`insert into auth.users (email, encrypted_password) values ('steward@bench.example', 'x') returning id`
		);
		steward = asUser(u!.id, 'steward@bench.example');
		const port = sqlPort(driver);
		await port.rpc('ensure_profile', { display_name: 'Steward' }, steward);
		await port.rpc('create_dataset', { slug: 'imported', title: 'Imported' }, steward);
		await port.rpc('create_dataset', { slug: 'copied', title: 'Copied' }, steward);
		file = await timed('generate the JSONL file', async () => pairFile(PAIRS));
		log(`  file: ${MB(file.byteLength)}, ${PAIRS.toLocaleString('en')} rows`);
		const [v] = await driver.query<{ v: string }>(`select current_setting('server_version') as v`);
		log(
			`  ${new Date().toISOString().slice(0, 10)}: ${availableParallelism()} × ${cpus()[0]?.model ?? 'cpu'}, ` +
				`${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, PostgreSQL ${v!.v} (PGlite)`
		);
	});

	afterAll(async () => {
		await pg?.close();
		rmSync(dataDir, { recursive: true, force: true });
		summary();
	});

	it('imports through importPairs as the steward, beside a bare COPY of the same rows', async () => {
		// The floor first: the import then meets the larger indexes, which only ever counts against it.
		const read = await readPairs('jsonl', chunked(file));
		if (!read.pairs) throw new Error(`the bench file has problems: ${read.problems.join('; ')}`);
		const [copied] = await driver.query<{ id: number }>(`select id from datasets where slug = 'copied'`);
		const csv = copyCsv(copied!.id, read.pairs);
		heading(`bare COPY of the same ${PAIRS.toLocaleString('en')} rows, as the owner, into another dataset`);
		let t = performance.now();
		await pg.query(`copy pairs (${COLUMNS}) from '/dev/blob' with (format csv)`, [], { blob: new Blob([csv]) });
		const copyMs = performance.now() - t;
		log(`  COPY ${seconds(copyMs)}, ${perSecond(PAIRS, copyMs)}`);

		heading(`importPairs as the steward: JSONL bytes in 64 KiB chunks, through the sql port`);
		let parsedAt = 0;
		t = performance.now();
		const result = await importPairs(sqlPort(driver), steward, 'imported', 'jsonl', chunked(file), (p) => {
			// readPairs reports once more when the whole file is read and valid: the split point.
			if (p.rowsParsed === PAIRS) parsedAt = performance.now();
		});
		const end = performance.now();
		const importMs = end - t;
		if (result.problems || result.imported !== PAIRS) throw new Error(`import: ${JSON.stringify(result).slice(0, 500)}`);
		const readMs = parsedAt - t;
		const dbMs = end - parsedAt;
		log(`  import ${seconds(importMs)}, ${perSecond(PAIRS, importMs)}: read + validate ${seconds(readMs)}, database ${seconds(dbMs)}`);

		// The same rows in both datasets, and the counter the trigger keeps agrees.
		const [c] = await driver.query<Record<string, number>>(
			`select
			   (select pair_count from datasets where slug = 'imported')::int as pair_count,
			   (select count(*) from pairs p join datasets d on d.id = p.dataset_id where d.slug = 'imported')::int as imported,
			   (select count(*) from pairs a join datasets da on da.id = a.dataset_id and da.slug = 'imported'
			    join pairs b on b.external_id = a.external_id and b.content_hash = a.content_hash
			      and (b.model_a, b.model_b, b.metadata) is not distinct from (a.model_a, a.model_b, a.metadata)
			    join datasets db on db.id = b.dataset_id and db.slug = 'copied')::int as same`
		);
		if (c!.pair_count !== PAIRS || c!.imported !== PAIRS || c!.same !== PAIRS) {
			throw new Error(`after the import: ${JSON.stringify(c)}`);
		}
		log(`  checked: ${PAIRS} pairs imported, pair_count agrees, every one equal to its COPY twin`);

		const vsCopy = importMs / copyMs;
		table(
			['', 'time', 'rows/s'],
			[
				['bare COPY (owner, no RLS)', seconds(copyMs), perSecond(PAIRS, copyMs)],
				['importPairs, total', seconds(importMs), perSecond(PAIRS, importMs)],
				['  read + validate (Node)', seconds(readMs), ''],
				['  database', seconds(dbMs), '']
			]
		);
		log(`  import / COPY = ${ratio(vsCopy)} (target ≤ ${TARGET_COPY_RATIO}×); database part / COPY = ${ratio(dbMs / copyMs)}`);
		record({ what: `bare COPY of ${PAIRS.toLocaleString('en')} pairs`, value: `${seconds(copyMs)} (${perSecond(PAIRS, copyMs)})` });
		record({ what: `importPairs of the same file`, value: `${seconds(importMs)} (${perSecond(PAIRS, importMs)})` });
		record({ what: '  of which read + validate / database', value: `${seconds(readMs)} / ${seconds(dbMs)}` });
		record({ what: 'import ÷ COPY', value: ratio(vsCopy), target: `≤ ${TARGET_COPY_RATIO}×`, met: vsCopy <= TARGET_COPY_RATIO });
	});
});

function summary() {
	record({ what: 'bench process peak RSS', value: MB(process.resourceUsage().maxRSS * 1024) });
	heading('import summary');
	table(
		['figure', 'value', 'target', 'met'],
		figures.map((f) => [f.what, f.value, f.target ?? '', f.met === undefined ? '' : f.met ? 'yes' : 'NO'])
	);
}
