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

/** Opens the embedded database, persisted in `dataDir` (in memory when omitted). */
export async function openPglite(dataDir?: string): Promise<SqlDriver> {
	if (!dataDir) return pgliteDriver(await PGlite.create());
	mkdirSync(dataDir, { recursive: true });
	const unlock = lockDataDir(dataDir);
	try {
		const driver = pgliteDriver(await PGlite.create({ dataDir }));
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
