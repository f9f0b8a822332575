import type { Config } from '../config';
import type { SqlDriver } from './driver';
import { openPglite } from './pglite-driver';
import { openPostgres } from './postgres-driver';
import { prepareDatabase } from './setup';
import { sqlPort } from './sql-adapter';

export { anon, asUser, DbError, type Caller, type DbPort } from './port';

/** Opens the configured database and brings it up to date. */
export async function openDatabase(config: Config) {
	const driver: SqlDriver =
		config.database.kind === 'postgres'
			? openPostgres(config.database.url)
			: await openPglite(config.database.dataDir);
	await prepareDatabase(driver, { demoData: config.demoData });
	return sqlPort(driver);
}
