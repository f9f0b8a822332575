import { PGlite, type PGliteInterface, type Transaction } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { lockDataDir } from './data-dir-lock';
import type { SqlDriver, SqlSession } from './driver';
import { toDbError } from './errors';

function session(db: PGliteInterface | Transaction): SqlSession {
	return {
		async query<R>(sql: string, params: unknown[] = []) {
			try {
				return (await db.query<R>(sql, params)).rows;
			} catch (e) {
				throw toDbError(e);
			}
		},
		async exec(sql: string) {
			try {
				await db.exec(sql);
			} catch (e) {
				throw toDbError(e);
			}
		}
	};
}

/** Wraps an open PGlite. PGlite is one connection; its own mutex serialises transactions. */
export function pgliteDriver(db: PGliteInterface): SqlDriver {
	return {
		kind: 'pglite',
		...session(db),
		async transaction(fn) {
			try {
				return await db.transaction((tx) => fn(session(tx)));
			} catch (e) {
				throw toDbError(e);
			}
		},
		close: () => db.close()
	};
}

/**
 * PGlite's own start parameters, with shared_buffers at 32 MB instead of 128 MB. The buffers live
 * in the WebAssembly heap, which never shrinks, so a process that once read a large table held
 * all 128 MB for good. Measured on 1M votes over 100k pairs (BENCHMARKS.md): the ranking server's
 * peak RSS 471 → 309 MB, a preferences export's 557 → 405 MB, with the same vote latency, import
 * time and preferences export time; a votes export, which reads every vote and pair twice, takes
 * 20–35% longer.
 */
export const PGLITE_OPTIONS = { startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'] };

/** Opens the embedded database, persisted in `dataDir` (in memory when omitted). */
export async function openPglite(dataDir?: string): Promise<SqlDriver> {
	if (!dataDir) return pgliteDriver(await PGlite.create(PGLITE_OPTIONS));
	mkdirSync(dataDir, { recursive: true });
	const unlock = lockDataDir(dataDir);
	try {
		const driver = pgliteDriver(await PGlite.create({ dataDir, ...PGLITE_OPTIONS }));
		return {
			...driver,
			async close() {
				await driver.close();
				unlock();
			}
		};
	} catch (e) {
		unlock();
		throw e;
	}
}
