import type { Config } from '../config';
import type { SqlDriver } from './driver';
import { openPglite } from './pglite-driver';
import { openPostgres } from './postgres-driver';
import { prepareDatabase } from './setup';
import { sqlPort } from './sql-adapter';

export { anon, asUser, DbError, serviceRole, type Caller, type DbPort } from './port';
export { supabasePort } from './supabase-adapter';

/**
 * Opens the configured SQL database and brings it up to date. (On Supabase the migrations are
 * applied by `supabase db push`, and the app reaches the database only through its data API.)
 */
export async function openDatabase(database: Exclude<Config['database'], { kind: 'supabase' }>, demoData: boolean) {
	const driver: SqlDriver =
		database.kind === 'postgres' ? openPostgres(database.url) : await openPglite(database.dataDir);
	await prepareDatabase(driver, { demoData });
	return sqlPort(driver);
}
