/**
 * One export, or its floor, in a process of its own, so that its peak RSS is the export's and
 * not the bench's (PGlite's initdb alone takes a process to ~850 MB). Bundled and started by
 * export.bench-run.ts; prints one JSON line.
 */
import { PGlite } from '@electric-sql/pglite';
import { writeFileSync } from 'node:fs';
import { asUser } from '../src/lib/server/db/port';
import { PGLITE_OPTIONS, pgliteDriver } from '../src/lib/server/db/pglite-driver';
import type { ExportRequest } from '../src/lib/server/export/request';
import { sqlPort } from '../src/lib/server/db/sql-adapter';
import { runExport } from '../src/lib/server/export/run';

type Job =
	| { mode: 'export'; dataDir: string; researcher: string; request: ExportRequest; outDir: string }
	| { mode: 'floor'; dataDir: string; sql: string; csvPath: string };

const job = JSON.parse(process.argv[2]!) as Job;
// The export runs on the app's settings; the floor is a bare PGlite, on PGlite's own.
const db = await PGlite.create({ dataDir: job.dataDir, ...(job.mode === 'export' ? PGLITE_OPTIONS : {}) });
const openedRss = process.memoryUsage.rss();
let peakRss = openedRss;
let peakJs = 0;
const sampler = setInterval(() => {
	const m = process.memoryUsage();
	peakRss = Math.max(peakRss, m.rss);
	peakJs = Math.max(peakJs, m.heapUsed + m.arrayBuffers);
}, 20);

const t = performance.now();
let rows = 0;
let bytes = 0;
if (job.mode === 'export') {
	const result = await runExport(sqlPort(pgliteDriver(db)), asUser(job.researcher), job.request, job.outDir);
	rows = result.rowCount;
	bytes = result.dataFiles[0]!.bytes;
} else {
	const copied = await db.query(`copy (${job.sql}) to '/dev/blob' with (format binary)`);
	bytes = copied.blob!.size;
}
const ms = performance.now() - t;
peakRss = Math.max(peakRss, process.memoryUsage.rss());
clearInterval(sampler);

if (job.mode === 'floor') {
	// Untimed: the same rows as CSV, for DuckDB to write as Parquet in the parent.
	const csv = await db.query(`copy (${job.sql}) to '/dev/blob' with (format csv, header)`);
	writeFileSync(job.csvPath, new Uint8Array(await csv.blob!.arrayBuffer()));
	rows = (await db.query<{ n: number }>(`select count(*)::int as n from (${job.sql}) x`)).rows[0]!.n;
}
const wasm = (db as unknown as { mod?: { HEAPU8?: Uint8Array } }).mod?.HEAPU8?.length;
await db.close();
process.stdout.write(JSON.stringify({ ms, rows, bytes, openedRss, peakRss, peakJs, wasm }) + '\n');
