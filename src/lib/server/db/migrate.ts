import type { SqlDriver } from './driver';
import type { Migration } from './sources';

/** Any fixed key: it only has to be the same in every process migrating one database. */
const MIGRATION_LOCK = 7_331_001;

const LEDGER = `
create schema if not exists app_migrations;
create table if not exists app_migrations.applied (
  version text primary key,
  name text not null,
  applied_at timestamptz not null default now()
);`;

/** True on a Supabase database, where the real platform exists and the shim must not run. */
export async function isSupabase(driver: SqlDriver): Promise<boolean> {
	const rows = await driver.query<{ found: boolean }>(
		`select exists (select 1 from pg_roles where rolname = 'supabase_auth_admin') as found`
	);
	return rows[0]!.found;
}

export async function applyShim(driver: SqlDriver, shim: string): Promise<void> {
	await driver.transaction(async (tx) => {
		await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
		await tx.exec(shim);
	});
}

/**
 * Applies each migration not yet recorded, in order, each in its own transaction together with
 * its ledger row: a migration that fails leaves the database as it was and stops the run.
 * Returns the versions applied now.
 */
export async function applyMigrations(driver: SqlDriver, migrations: Migration[]): Promise<string[]> {
	await driver.transaction(async (tx) => {
		await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
		await tx.exec(LEDGER);
	});
	const applied: string[] = [];
	for (const m of migrations) {
		const ran = await driver.transaction(async (tx) => {
			await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
			const done = await tx.query('select 1 from app_migrations.applied where version = $1', [m.version]);
			if (done.length > 0) return false;
			try {
				await tx.exec(m.sql);
			} catch (e) {
				throw new Error(`migration ${m.version}_${m.name} failed: ${(e as Error).message}`, { cause: e });
			}
			await tx.query('insert into app_migrations.applied (version, name) values ($1, $2)', [m.version, m.name]);
			return true;
		});
		if (ran) applied.push(m.version);
	}
	return applied;
}

/** Loads the demo dataset once per database, recorded in the ledger like a migration. */
export async function applySeed(driver: SqlDriver, seed: string): Promise<boolean> {
	return applyMigrations(driver, [{ version: 'demo-seed', name: 'demo_seed', sql: seed }]).then(
		(v) => v.length > 0
	);
}
