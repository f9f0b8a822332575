import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { SqlDriver } from '../src/lib/server/db/driver';
import { asUser, type Member } from '../src/lib/server/db/port';
import { PGLITE_OPTIONS, pgliteDriver } from '../src/lib/server/db/pglite-driver';
import { prepareDatabase } from '../src/lib/server/db/setup';
import { sqlPort } from '../src/lib/server/db/sql-adapter';
import { importPairs, readPairs, type ImportedPair } from '../src/lib/server/import';
import { chunked, pairFile } from './import-file';
import { figures, heading, log, MB, ratio, record, seconds, table, timed } from './support';

// BENCH_QUICK=1: a tenth of the rows, for working on the bench itself.
const quick = process.env.BENCH_QUICK === '1';
const PAIRS = quick ? 10_000 : 100_000;
const TARGET_COPY_RATIO = 2;
// Two rounds, in opposite order, each into fresh datasets: the headline ratio is over both.
const ROUNDS = 2;
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

/** Milliseconds: wall time, and the CPU time of this process (PGlite runs inside it). */
interface Round {
	copy: number;
	total: number;
	read: number;
	db: number;
	copyCpu: number;
	cpu: number;
}

const cpuMs = (since: NodeJS.CpuUsage) => {
	const c = process.cpuUsage(since);
	return (c.user + c.system) / 1000;
};

const perSecond = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s`;

describe('pair import', () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'pc-bench-import-'));
	let pg: PGlite;
	let driver: SqlDriver;
	let steward: Member;
	let file: Uint8Array;

	beforeAll(async () => {
		heading(`import setup: ${quick ? 'QUICK, ' : ''}${PAIRS.toLocaleString('en')} pairs, PGlite in ${dataDir}`);
		pg = await timed('open PGlite on an empty directory (initdb)', () => PGlite.create({ dataDir, ...PGLITE_OPTIONS }));
		driver = pgliteDriver(pg);
		await timed('migrate', () => prepareDatabase(driver, { demoData: false }));
		const [u] = await driver.query<{ id: string }>(
			`insert into auth.users (email, encrypted_password) values ('steward@bench.example', 'x') returning id`
		);
		steward = asUser(u!.id, 'steward@bench.example');
		const port = sqlPort(driver);
		await port.rpc('ensure_profile', { display_name: 'Steward' }, steward);
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
		const read = await readPairs('jsonl', chunked(file));
		if (!read.pairs) throw new Error(`the bench file has problems: ${read.problems.join('; ')}`);
		const port = sqlPort(driver);
		const rounds: Round[] = [];
		for (let r = 1; r <= ROUNDS; r++) {
			await port.rpc('create_dataset', { slug: `copied-${r}`, title: 'Copied' }, steward);
			await port.rpc('create_dataset', { slug: `imported-${r}`, title: 'Imported' }, steward);
			const [copied] = await driver.query<{ id: number }>(`select id from datasets where slug = $1`, [`copied-${r}`]);
			const csv = copyCsv(copied!.id, read.pairs);
			// The order alternates: whichever goes second meets larger indexes and a warmer cache.
			const copyFirst = r % 2 === 1;
			heading(`round ${r}: ${copyFirst ? 'COPY, then import' : 'import, then COPY'}`);
			let copy = { copy: 0, copyCpu: 0 };
			if (copyFirst) copy = await bareCopy(csv);
			const imported = await importRound(`imported-${r}`);
			if (!copyFirst) copy = await bareCopy(csv);
			await check(`imported-${r}`, `copied-${r}`);
			rounds.push({ ...copy, ...imported });
		}

		const sum = (f: (r: Round) => number) => rounds.reduce((s, r) => s + f(r), 0);
		const all: Round = {
			copy: sum((r) => r.copy),
			total: sum((r) => r.total),
			read: sum((r) => r.read),
			db: sum((r) => r.db),
			copyCpu: sum((r) => r.copyCpu),
			cpu: sum((r) => r.cpu)
		};
		const vsCopy = all.total / all.copy;
		const cpuVsCopy = all.cpu / all.copyCpu;
		heading('import beside COPY');
		table(
			['', 'COPY', 'import', 'read + validate', 'database', 'import / COPY', 'CPU: COPY', 'CPU: import', 'CPU ratio'],
			[...rounds.map((r, i): [string, Round] => [`round ${i + 1}`, r]), ['all rounds', all] as [string, Round]].map(
				([label, r]) => [
					label,
					seconds(r.copy),
					seconds(r.total),
					seconds(r.read),
					seconds(r.db),
					ratio(r.total / r.copy),
					seconds(r.copyCpu),
					seconds(r.cpu),
					ratio(r.cpu / r.copyCpu)
				]
			)
		);
		log(`  import / COPY = ${ratio(vsCopy)} (target ≤ ${TARGET_COPY_RATIO}×); database part / COPY = ${ratio(all.db / all.copy)}`);
		log(`  in CPU time of this process, which other processes on the machine do not inflate: ${ratio(cpuVsCopy)}`);
		const n = ROUNDS * PAIRS;
		record({ what: `bare COPY, ${PAIRS.toLocaleString('en')} pairs, mean of ${ROUNDS}`, value: `${seconds(all.copy / ROUNDS)} (${perSecond(n, all.copy)})` });
		record({ what: 'importPairs, the same rows, mean', value: `${seconds(all.total / ROUNDS)} (${perSecond(n, all.total)})` });
		record({ what: '  of which read + validate / database', value: `${seconds(all.read / ROUNDS)} / ${seconds(all.db / ROUNDS)}` });
		record({ what: 'import ÷ COPY', value: ratio(vsCopy), target: `≤ ${TARGET_COPY_RATIO}×`, met: vsCopy <= TARGET_COPY_RATIO });
		record({ what: '  database part ÷ COPY', value: ratio(all.db / all.copy) });
		record({ what: 'import ÷ COPY in CPU time', value: ratio(cpuVsCopy) });
	});

	async function bareCopy(csv: string): Promise<Pick<Round, 'copy' | 'copyCpu'>> {
		const blob = new Blob([csv]);
		const c = process.cpuUsage();
		const t = performance.now();
		await pg.query(`copy pairs (${COLUMNS}) from '/dev/blob' with (format csv)`, [], { blob });
		const ms = performance.now() - t;
		const cpu = cpuMs(c);
		log(`  bare COPY as the owner    ${seconds(ms).padStart(7)}  ${perSecond(PAIRS, ms)}   cpu ${seconds(cpu)}   rss ${MB(process.memoryUsage.rss())}`);
		return { copy: ms, copyCpu: cpu };
	}

	async function importRound(slug: string): Promise<Omit<Round, 'copy' | 'copyCpu'>> {
		let parsedAt = 0;
		const c = process.cpuUsage();
		const t = performance.now();
		const result = await importPairs(sqlPort(driver), steward, slug, 'jsonl', chunked(file), (p) => {
			// readPairs reports once more when the whole file is read and valid: the split point.
			if (p.rowsParsed === PAIRS) parsedAt = performance.now();
		});
		const end = performance.now();
		const cpu = cpuMs(c);
		if (result.problems || result.imported !== PAIRS) throw new Error(`import: ${JSON.stringify(result).slice(0, 500)}`);
		const r = { total: end - t, read: parsedAt - t, db: end - parsedAt, cpu };
		log(
			`  importPairs as steward    ${seconds(r.total).padStart(7)}  ${perSecond(PAIRS, r.total)}   cpu ${seconds(cpu)}   rss ${MB(process.memoryUsage.rss())}` +
				`   (read + validate ${seconds(r.read)}, database ${seconds(r.db)})`
		);
		return r;
	}

	/** The same rows in both datasets, and the counter the trigger keeps agrees. */
	async function check(imported: string, copied: string) {
		const [c] = await driver.query<Record<string, number>>(
			`select
			   (select pair_count from datasets where slug = $1)::int as pair_count,
			   (select count(*) from pairs p join datasets d on d.id = p.dataset_id where d.slug = $1)::int as imported,
			   (select count(*) from pairs a join datasets da on da.id = a.dataset_id and da.slug = $1
			    join pairs b on b.external_id = a.external_id and b.content_hash = a.content_hash
			      and (b.model_a, b.model_b, b.metadata) is not distinct from (a.model_a, a.model_b, a.metadata)
			    join datasets db on db.id = b.dataset_id and db.slug = $2)::int as same`,
			[imported, copied]
		);
		if (c!.pair_count !== PAIRS || c!.imported !== PAIRS || c!.same !== PAIRS) throw new Error(`after the import: ${JSON.stringify(c)}`);
		log(`  checked: ${PAIRS.toLocaleString('en')} pairs imported, pair_count agrees, each equal to its COPY twin`);
	}
});

function summary() {
	record({ what: 'bench process peak RSS', value: MB(process.resourceUsage().maxRSS * 1024) });
	heading('import summary');
	table(
		['figure', 'value', 'target', 'met'],
		figures.map((f) => [f.what, f.value, f.target ?? '', f.met === undefined ? '' : f.met ? 'yes' : 'NO'])
	);
}
