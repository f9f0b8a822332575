import { PGlite } from '@electric-sql/pglite';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { SqlDriver } from '../../src/lib/server/db/driver';
import { PGLITE_OPTIONS, pgliteDriver } from '../../src/lib/server/db/pglite-driver';
import { openPostgres } from '../../src/lib/server/db/postgres-driver';
import { prepareDatabase } from '../../src/lib/server/db/setup';
import { withDatabase } from './global-setup';

/** A migrated database of one kind; `fresh()` gives an independent copy for one test group. */
export interface TestBackend {
	name: string;
	skip: string | null;
	fresh(): Promise<{ driver: SqlDriver; dispose(): Promise<void> }>;
}

let pgliteTemplate: Promise<PGlite> | undefined;

const pglite: TestBackend = {
	name: 'PGlite',
	skip: null,
	async fresh() {
		pgliteTemplate ??= PGlite.create(PGLITE_OPTIONS).then(async (db) => {
			await prepareDatabase(pgliteDriver(db), { demoData: false });
			return db;
		});
		const driver = pgliteDriver(await (await pgliteTemplate).clone());
		return { driver, dispose: () => driver.close() };
	}
};

const pg = inject('pgTemplate');

/** A new database on the TEST_DATABASE_URL server, copied from `template`, dropped on dispose. */
export async function scratchPostgres(template: string): Promise<{ driver: SqlDriver; dispose(): Promise<void> }> {
	if (!pg) throw new Error('PostgreSQL backend is skipped: TEST_DATABASE_URL is not set');
	const name = `pc_test_${randomUUID().replaceAll('-', '')}`;
	const admin = openPostgres(pg.url, { max: 1 });
	await admin.exec(`create database ${name} template ${template}`);
	const driver = openPostgres(withDatabase(pg.url, name), { max: 4 });
	return {
		driver,
		async dispose() {
			await driver.close();
			await admin.exec(`drop database if exists ${name} with (force)`);
			await admin.close();
		}
	};
}

const postgres: TestBackend = {
	name: 'PostgreSQL',
	skip: pg ? null : 'TEST_DATABASE_URL is not set',
	fresh: () => scratchPostgres(pg!.template)
};

export const backends: TestBackend[] = [pglite, postgres];
