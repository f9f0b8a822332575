import { PGlite } from '@electric-sql/pglite';
import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { asUser } from '../src/lib/server/db/port';
import { pgliteDriver } from '../src/lib/server/db/pglite-driver';
import { prepareDatabase } from '../src/lib/server/db/setup';
import { runAs, sqlPort } from '../src/lib/server/db/sql-adapter';
import { readPairs } from '../src/lib/server/import';
import { chunked, pairFile } from './import-file';

const N = Number(process.env.N ?? 10000);
it('scratch', async () => {
	const pg = process.env.DIR ? await PGlite.create({ dataDir: (await import('node:fs')).mkdtempSync('/tmp/ib-scratch-') }) : await PGlite.create();
	const driver = pgliteDriver(pg);
	await prepareDatabase(driver, { demoData: false });
	const [u] = await driver.query<{ id: string }>(`insert into auth.users (email, encrypted_password) values ('s@x', 'x') returning id`);
	const st = asUser(u!.id, 's@x');
	const port = sqlPort(driver);
	await port.rpc('ensure_profile', { display_name: 'S' }, st);
	for (const f of (process.env.SQL ?? '').split(',').filter(Boolean)) await driver.exec(readFileSync(f, 'utf8'));
	const read = await readPairs('jsonl', chunked(pairFile(N)));
	const json = JSON.stringify(read.pairs);
	let k = 0;
	const ds = async () => {
		const slug = `d${k++}`;
		await port.rpc('create_dataset', { slug, title: 'x' }, st);
		const [d] = await driver.query<{ id: number }>(`select id from datasets where slug=$1`, [slug]);
		return { slug, id: d!.id };
	};
	const time = async (label: string, fn: () => Promise<unknown>) => {
		const t = performance.now();
		await fn();
		console.log(label.padEnd(50), ((performance.now() - t) / 1000).toFixed(2), 's');
	};
	const cols = `external_id text, prompt jsonb, response_a jsonb, response_b jsonb, model_a text, model_b text, metadata jsonb`;
	const ins = (id: number) =>
		`insert into pairs (dataset_id, external_id, prompt, response_a, response_b, model_a, model_b, metadata)
		 select ${id}, r.external_id, r.prompt, r.response_a, r.response_b, r.model_a, r.model_b, coalesce(r.metadata,'{}') from jsonb_to_recordset($1::jsonb) r(${cols})`;
	const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
	const csvOf = (id: number) => read.pairs!.map((p) => [id, p.external_id === null ? '' : q(p.external_id), q(JSON.stringify(p.prompt)), q(JSON.stringify(p.response_a)), q(JSON.stringify(p.response_b)), p.model_a ? q(p.model_a) : '', p.model_b ? q(p.model_b) : '', q(JSON.stringify(p.metadata))].join(',')).join('\n');
	const t = (s: string) => s.replaceAll('\\', '\\\\').replaceAll('\t', '\\t').replaceAll('\n', '\\n').replaceAll('\r', '\\r');
	const textOf = (id: number) => read.pairs!.map((p) => [id, p.external_id === null ? '\\N' : t(p.external_id), t(JSON.stringify(p.prompt)), t(JSON.stringify(p.response_a)), t(JSON.stringify(p.response_b)), p.model_a ? t(p.model_a) : '\\N', p.model_b ? t(p.model_b) : '\\N', t(JSON.stringify(p.metadata))].join('\t')).join('\n') + '\n';
	const C = `pairs (dataset_id, external_id, prompt, response_a, response_b, model_a, model_b, metadata)`;
	const variants: Record<string, () => Promise<unknown>> = {
		'A import_pairs rpc': async () => { const d = await ds(); return port.rpc('import_pairs', { dataset_slug: d.slug, pairs: read.pairs }, st); },
		'A2 import_pairs_v2': async () => { const d = await ds(); return port.rpc('import_pairs_v2', { dataset_slug: d.slug, pairs: read.pairs }, st); },
		'A4 v4': async () => { const d = await ds(); return port.rpc('import_pairs_v4', { dataset_slug: d.slug, pairs: read.pairs }, st); },
		'A3 import_pairs_v3 work_mem': async () => { const d = await ds(); return port.rpc('import_pairs_v3', { dataset_slug: d.slug, pairs: read.pairs }, st); },
		'B insert-select as steward': async () => { const d = await ds(); return runAs(driver, st, (tx) => tx.query(ins(d.id), [json])); },
		'C insert-select as owner': async () => { const d = await ds(); return driver.query(ins(d.id), [json]); },
		'D1 COPY text first': async () => { const d = await ds(); const b = new Blob([textOf(d.id)]); return pg.query(`copy ${C} from '/dev/blob'`, [], { blob: b }); },
		'D COPY text': async () => { const d = await ds(); const b = new Blob([textOf(d.id)]); return pg.query(`copy ${C} from '/dev/blob'`, [], { blob: b }); },
		'E COPY csv': async () => { const d = await ds(); const b = new Blob([csvOf(d.id)]); return pg.query(`copy ${C} from '/dev/blob' with (format csv)`, [], { blob: b }); },
		'F hash 10k existing': async () => driver.query(`select count(private.pair_content_hash(prompt, response_a, response_b)) from pairs where dataset_id = 2`),
		'G recordset no hash': async () => driver.query(`select count(r.prompt) from jsonb_to_recordset($1::jsonb) r(${cols})`, [json]),
		'H recordset + hash': async () => driver.query(`select count(private.pair_content_hash(r.prompt, r.response_a, r.response_b)) from jsonb_to_recordset($1::jsonb) r(${cols})`, [json]),
	};
	const best: Record<string, number> = {};
	for (let round = 0; round < Number(process.env.R ?? 3); round++) {
		for (const [label, fn] of Object.entries(variants).filter(([l]) => !process.env.ONLY || process.env.ONLY.split(',').includes(l.split(' ')[0]!))) {
			const c0 = process.cpuUsage();
			await fn();
			const c = process.cpuUsage(c0);
			const ms = (c.user + c.system) / 1000;
			best[label] = Math.min(best[label] ?? Infinity, ms);
			console.log(label.padEnd(40), (ms / 1000).toFixed(2), 's');
		}
	}
	for (const [l, ms] of Object.entries(best)) console.log('BEST', l.padEnd(40), (ms / 1000).toFixed(2), 's');
	await pg.close();
});
