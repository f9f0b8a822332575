import type { SqlDriver } from './driver';
import { applyMigrations, applySeed, applyShim, isSupabase } from './migrate';
import { demoSeed, migrations, platformShim } from './sources';

/** Brings a database up to date: shim where Supabase is absent, migrations, demo data if asked. */
export async function prepareDatabase(driver: SqlDriver, options: { demoData: boolean }) {
	if (!(await isSupabase(driver))) await applyShim(driver, platformShim);
	const applied = await applyMigrations(driver, migrations);
	const seeded = options.demoData ? await applySeed(driver, demoSeed) : false;
	return { applied, seeded };
}
