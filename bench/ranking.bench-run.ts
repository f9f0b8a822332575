import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { SqlDriver } from '../src/lib/server/db/driver';
import { openPglite } from '../src/lib/server/db/pglite-driver';
import { prepareDatabase } from '../src/lib/server/db/setup';
import { hasRoute, pageJavaScript } from './bundle';
import { buildDataset, type BigDataset, type Shape } from './dataset';
import { Site, underLoad, type Volunteer } from './http';
import { inProcess } from './in-process';
import { figures, heading, kB, log, MB, ms, ratio, record, seconds, table, timed, type Stats } from './support';

// BENCH_QUICK=1 runs the same steps on a tenth of the data, for working on the bench itself.
const quick = process.env.BENCH_QUICK === '1';
const shape: Shape = quick
	? { pairs: 10_000, voters: 1_000, votesPerVoter: 100, fresh: 300, overlapTarget: 12 }
	: { pairs: 100_000, voters: 10_000, votesPerVoter: 100, fresh: 300, overlapTarget: 12 };
const ITERATIONS = 2_000;
const WARMUP = 200;
const CONCURRENCY = [8, 32];
const HTTP_REQUESTS_PER_LEVEL = 1_024;
const RANK_ROUTE = '/datasets/[slug]/rank';

const TARGET_P95_MS = 10;
const TARGET_FLOOR_RATIO = 3;
const TARGET_JS_BYTES = 60_000;

const row = (label: string, s: Stats) => [label, ms(s.p50), ms(s.p95), ms(s.p99), ms(s.mean)];

describe('ranking loop', () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'pc-bench-'));
	let driver: SqlDriver | undefined;
	let data: BigDataset;

	beforeAll(async () => {
		heading(`setup: ${quick ? 'QUICK, a tenth of the data' : 'full size'}, PGlite in ${dataDir}`);
		const t = performance.now();
		// On an empty directory PGlite runs initdb, which alone takes this process to ~850 MB RSS.
		driver = await timed('open PGlite on an empty directory (initdb)', () => openPglite(dataDir));
		await timed('migrate', () => prepareDatabase(driver!, { demoData: false }));
		data = await buildDataset(driver, shape);
		const [pg] = await driver.query<{ v: string }>(`select current_setting('server_version') as v`);
		log(
			`  ${new Date().toISOString().slice(0, 10)}: ${availableParallelism()} × ${cpus()[0]?.model ?? 'cpu'}, ` +
				`${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, PostgreSQL ${pg!.v} (PGlite)`
		);
		const setup = performance.now() - t;
		log(`  setup total ${seconds(setup)}`);
		record({ what: 'setup: initdb, migrate, bulk load, check', value: seconds(setup) });
	});

	afterAll(async () => {
		await driver?.close();
		rmSync(dataDir, { recursive: true, force: true });
		summary();
	});

	it('submit vote + next pair, in-process, beside the floor', async () => {
		heading(`in-process: ${ITERATIONS} iterations after ${WARMUP} warm-up, ${shape.fresh} volunteers taking turns`);
		log('  each iteration times the loop unit, then the floor, then the role switch alone');
		const { floor: bare, roleSwitch: role, ...loop } = await inProcess(driver!, data, ITERATIONS, WARMUP);
		table(
			['', 'p50', 'p95', 'p99', 'mean'],
			[
				row('submit vote + next pair', loop.loop),
				row('floor: insert + indexed select', bare),
				row('runAs(select 1) alone', role)
			]
		);
		const vsFloor = loop.loop.p95 / bare.p95;
		log(`  p95 / floor p95 = ${ratio(vsFloor)} (target ≤ ${TARGET_FLOOR_RATIO}×); p95 target ≤ ${TARGET_P95_MS} ms`);
		record({ what: 'in-process submit vote + next pair, p50', value: ms(loop.loop.p50) });
		record({
			what: 'in-process submit vote + next pair, p95',
			value: ms(loop.loop.p95),
			target: `≤ ${TARGET_P95_MS} ms`,
			met: loop.loop.p95 <= TARGET_P95_MS
		});
		record({ what: 'floor (insert + indexed select), p50 / p95', value: `${ms(bare.p50)} / ${ms(bare.p95)}` });
		record({
			what: 'in-process p95 ÷ floor p95',
			value: ratio(vsFloor),
			target: `≤ ${TARGET_FLOOR_RATIO}×`,
			met: vsFloor <= TARGET_FLOOR_RATIO
		});
		record({ what: 'role-switching transaction alone, p50 / p95', value: `${ms(role.p50)} / ${ms(role.p95)}` });
	});

	it('submit vote + next pair, over HTTP, concurrent volunteers', async () => {
		heading(`over HTTP: the built server on the same data, ${HTTP_REQUESTS_PER_LEVEL} votes per level`);
		if (!hasRoute(RANK_ROUTE)) {
			log(`  NOT MEASURED: the build has no ${RANK_ROUTE} page yet`);
			record({ what: 'over HTTP', value: 'not measured: no ranking page in the build' });
			return;
		}
		// PGlite is one process per data directory: the server can only open it once we let go.
		await driver!.close();
		driver = undefined;
		const site = await timed('start the built server on the data directory', () => Site.start(dataDir, data.slug));
		let answered = 0;
		const volunteers: Volunteer[] = [];
		try {
			await timed(`sign up and consent ${Math.max(...CONCURRENCY)} volunteers`, async () => {
				for (let i = 0; i < Math.max(...CONCURRENCY); i++) volunteers.push(await site.volunteer(i));
			});
			const rows: string[][] = [];
			for (const c of CONCURRENCY) {
				const level = volunteers.slice(0, c);
				// One untimed vote each first: it warms the code paths, and it reopens connections the
				// server closed while these volunteers sat idle (keep-alive timeout), which under this
				// load costs a returning volunteer far more than a vote (see BENCHMARKS.md).
				await Promise.all(level.map((v) => site.vote(v, 0)));
				answered += level.length;
				const r = await underLoad(site, level, Math.round(HTTP_REQUESTS_PER_LEVEL / c));
				answered += r.requests;
				const l = r.latency;
				rows.push([`${c} at once`, String(r.requests), ms(l.p50), ms(l.p95), ms(l.p99), ms(l.max), r.perSecond.toFixed(0)]);
				record({ what: `HTTP, ${c} concurrent volunteers, p50 / p95`, value: `${ms(l.p50)} / ${ms(l.p95)}` });
				record({ what: `HTTP, ${c} concurrent volunteers, throughput`, value: `${r.perSecond.toFixed(0)} votes/s` });
			}
			table(['volunteers', 'votes', 'p50', 'p95', 'p99', 'max', 'votes/s'], rows);
			const rss = site.peakRss();
			if (rss !== null) {
				log(`  server peak RSS ${MB(rss)}`);
				record({ what: 'server process peak RSS', value: MB(rss) });
			}
		} finally {
			for (const v of volunteers) v.agent.destroy();
			await site.stop();
		}
		// Every answered request must be exactly one recorded vote, or the latencies mean nothing.
		driver = await openPglite(dataDir);
		const [cast] = await driver.query<{ n: number }>(
			`select count(*)::int as n from votes v join auth.users u on u.id = v.user_id where u.email like 'http-volunteer-%'`
		);
		if (cast!.n !== answered) throw new Error(`the server recorded ${cast!.n} votes for ${answered} answered requests`);
		log(`  checked: ${answered} vote requests answered with a next pair, ${cast!.n} votes recorded`);
	});

	it('JavaScript the annotate page ships', () => {
		const route = hasRoute(RANK_ROUTE) ? RANK_ROUTE : '/';
		heading(`JavaScript of ${route}, gzip -9${route === RANK_ROUTE ? '' : ` (NOT the annotate page: ${RANK_ROUTE} is not built yet)`}`);
		const bundle = pageJavaScript(route);
		table(
			['file', 'gzip'],
			[...bundle.files.map((f) => [f.file, kB(f.gzip)]), ['total', kB(bundle.gzip)]]
		);
		record({
			what: `JavaScript of ${route}, gzipped`,
			value: kB(bundle.gzip),
			target: `≤ ${kB(TARGET_JS_BYTES)}`,
			met: bundle.gzip <= TARGET_JS_BYTES
		});
	});
});

function summary() {
	// maxRSS is this process's high-water mark, in kB; the server's is reported separately.
	record({ what: 'bench process peak RSS', value: MB(process.resourceUsage().maxRSS * 1024) });
	heading('summary');
	table(
		['figure', 'value', 'target', 'met'],
		figures.map((f) => [f.what, f.value, f.target ?? '', f.met === undefined ? '' : f.met ? 'yes' : 'NO'])
	);
}
