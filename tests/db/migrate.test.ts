import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import type { SqlDriver } from '../../src/lib/server/db/driver';
import { applyMigrations, applyShim } from '../../src/lib/server/db/migrate';
import { pgliteDriver } from '../../src/lib/server/db/pglite-driver';
import { asUser } from '../../src/lib/server/db/port';
import { prepareDatabase } from '../../src/lib/server/db/setup';
import { migrations, parseMigrations, platformShim, type Migration } from '../../src/lib/server/db/sources';
import { runAs } from '../../src/lib/server/db/sql-adapter';
import { backends, scratchPostgres, type TestBackend } from '../support/backends';

type TestDb = { driver: SqlDriver; dispose(): Promise<void> };

const DEMO_SLUG = 'helpful-everyday-answers';

/**
 * Databases that have never been migrated, unlike `backend.fresh()`: the only way to check that
 * the migrations build the schema from nothing. Keyed by backend name because each kind makes
 * an empty database differently.
 */
const emptyDatabase: Record<string, () => Promise<TestDb>> = {
	async PGlite() {
		const driver = pgliteDriver(await PGlite.create());
		return { driver, dispose: () => driver.close() };
	},
	// template0, not template1: whatever a developer added to template1 must not count as migrated.
	PostgreSQL: () => scratchPostgres('template0')
};

async function using<T>(open: () => Promise<TestDb>, fn: (driver: SqlDriver) => Promise<T>): Promise<T> {
	const db = await open();
	try {
		return await fn(db.driver);
	} finally {
		await db.dispose();
	}
}

function ledger(driver: SqlDriver) {
	return driver.query<{ version: string; name: string; applied_at: Date }>(
		'select version, name, applied_at from app_migrations.applied order by version'
	);
}

/** Every relation and function outside the system schemas, with its oid, so a drop-and-recreate shows. */
function catalog(driver: SqlDriver) {
	return driver.query<{ kind: string; name: string; oid: string }>(
		`select 'rel' as kind, n.nspname || '.' || c.relname as name, c.oid::text as oid
		 from pg_class c join pg_namespace n on n.oid = c.relnamespace
		 where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
		 union all
		 select 'fn', n.nspname || '.' || p.proname, p.oid::text
		 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
		 where n.nspname not in ('pg_catalog', 'information_schema')
		 order by 1, 2, 3`
	);
}

async function tableExists(driver: SqlDriver, name: string): Promise<boolean> {
	const rows = await driver.query<{ found: boolean }>('select to_regclass($1) is not null as found', [name]);
	return rows[0]!.found;
}

async function recorded(driver: SqlDriver, version: string): Promise<boolean> {
	const rows = await driver.query('select 1 from app_migrations.applied where version = $1', [version]);
	return rows.length > 0;
}

async function demoDataset(driver: SqlDriver) {
	const rows = await driver.query<{ pair_count: number; pairs: number; published_terms: number }>(
		`select d.pair_count::int as pair_count,
		        (select count(*)::int from pairs p where p.dataset_id = d.id) as pairs,
		        (select count(*)::int from terms_versions t
		         where t.dataset_id = d.id and t.status = 'published') as published_terms
		 from datasets d where d.slug = $1`,
		[DEMO_SLUG]
	);
	return rows[0] ?? null;
}

const migration = (version: string, name: string, sql: string): Migration => ({ version, name, sql });

// Far-future versions, so they sort after every real migration and never collide with one.
const GOOD = migration('29990101000001', 'good_step', 'create table public.good_step (id int);');
const AFTER = migration('29990101000003', 'after_step', 'create table public.after_step (id int);');
const FIXED = migration('29990101000002', 'broken_step', 'create table public.broken_step (id int);');

// A syntax error stops the file before any statement runs; a failing statement stops it after the
// table was created and filled, which must be undone as well.
const BREAKAGES = [
	{ how: 'a syntax error', sql: 'create table public.broken_step (id int);\ninsert into public.broken_step values (1);\nselec 1;' },
	{ how: 'a statement that fails', sql: 'create table public.broken_step (id int);\ninsert into public.broken_step values (1);\nselect 1 / 0;' }
];

describe('parseMigrations', () => {
	it.each([
		'/supabase/migrations/core_schema.sql',
		'/supabase/migrations/2026112200000_thirteen_digits.sql',
		'/supabase/migrations/20261122000000_Core-Schema.sql',
		'/supabase/migrations/20261122000000_core_schema.SQL'
	])('rejects the badly named file %s, naming it', (path) => {
		expect(() => parseMigrations({ [path]: 'select 1;' })).toThrow(path);
		expect(() => parseMigrations({ [path]: 'select 1;' })).toThrow(/<14-digit timestamp>_<name>\.sql/);
	});

	it('orders migrations by version, whatever order the files come in', () => {
		const parsed = parseMigrations({
			'/supabase/migrations/20260301000000_third.sql': 'c',
			'/supabase/migrations/20260101000000_first.sql': 'a',
			'/supabase/migrations/20260201000000_second.sql': 'b'
		});
		expect(parsed).toEqual([
			{ version: '20260101000000', name: 'first', sql: 'a' },
			{ version: '20260201000000', name: 'second', sql: 'b' },
			{ version: '20260301000000', name: 'third', sql: 'c' }
		]);
	});

	it('refuses two files with one version, since the second would never run', () => {
		const twins = {
			'/supabase/migrations/20260101000000_first.sql': 'a',
			'/supabase/migrations/20260101000000_twin.sql': 'b'
		};
		expect(() => parseMigrations(twins)).toThrow(/two migrations share the version 20260101000000/);
		expect(() => parseMigrations(twins)).toThrow('20260101000000_twin.sql');
	});

	it('bundles the real migrations, in order, each version once', () => {
		const versions = migrations.map((m) => m.version);
		expect(versions.length).toBeGreaterThan(0);
		expect(versions).toEqual([...new Set(versions)].sort());
		expect(migrations.map((m) => m.name)).toContain('core_schema');
		expect(migrations.every((m) => m.sql.trim().length > 0)).toBe(true);
	});
});

function migrationTests(backend: TestBackend) {
	const empty = emptyDatabase[backend.name];
	if (!empty) throw new Error(`no way to make an empty ${backend.name} database`);

	it('builds the schema from an empty database, recording every migration, and a rerun changes nothing', () =>
		using(empty, async (driver) => {
			const first = await prepareDatabase(driver, { demoData: false });
			expect(first).toEqual({ applied: migrations.map((m) => m.version), seeded: false });
			expect((await ledger(driver)).map(({ version, name }) => ({ version, name }))).toEqual(
				migrations.map(({ version, name }) => ({ version, name }))
			);
			for (const table of ['profiles', 'datasets', 'pairs', 'terms_versions', 'consents', 'votes', 'exports']) {
				expect(await tableExists(driver, `public.${table}`), table).toBe(true);
			}

			const before = { ledger: await ledger(driver), catalog: await catalog(driver) };
			const second = await prepareDatabase(driver, { demoData: false });
			expect(second).toEqual({ applied: [], seeded: false });
			expect({ ledger: await ledger(driver), catalog: await catalog(driver) }).toEqual(before);
		}));

	it.each(BREAKAGES)('stops at a migration with $how, leaving no trace of it and applying none after it', ({ sql }) =>
		using(
			() => backend.fresh(),
			async (driver) => {
				const broken = migration(FIXED.version, FIXED.name, sql);
				await expect(applyMigrations(driver, [GOOD, broken, AFTER])).rejects.toThrow(
					/migration 29990101000002_broken_step failed/
				);

				expect(await tableExists(driver, 'public.good_step')).toBe(true);
				expect(await recorded(driver, GOOD.version)).toBe(true);
				expect(await tableExists(driver, 'public.broken_step')).toBe(false);
				expect(await recorded(driver, broken.version)).toBe(false);
				expect(await tableExists(driver, 'public.after_step')).toBe(false);
				expect(await recorded(driver, AFTER.version)).toBe(false);

				// Once fixed, the run resumes where it stopped.
				expect(await applyMigrations(driver, [GOOD, FIXED, AFTER])).toEqual([FIXED.version, AFTER.version]);
			}
		)
	);

	it('loads the demo dataset once, with its pairs counted and one published terms version', () =>
		using(
			() => backend.fresh(),
			async (driver) => {
				expect(await demoDataset(driver)).toBeNull();

				expect(await prepareDatabase(driver, { demoData: true })).toEqual({ applied: [], seeded: true });
				const loaded = await demoDataset(driver);
				expect(loaded).not.toBeNull();
				expect(loaded!.pairs).toBeGreaterThanOrEqual(50);
				expect(loaded!.pair_count).toBe(loaded!.pairs);
				expect(loaded!.published_terms).toBe(1);

				expect(await prepareDatabase(driver, { demoData: true })).toEqual({ applied: [], seeded: false });
				expect(await demoDataset(driver)).toEqual(loaded);
				const seeds = await driver.query("select 1 from app_migrations.applied where version = 'demo-seed'");
				expect(seeds).toHaveLength(1);
			}
		));

	it('can apply the platform shim again and again without losing accounts or identity', () =>
		using(
			() => backend.fresh(),
			async (driver) => {
				const [user] = await driver.query<{ id: string }>(
					`insert into auth.users (email, encrypted_password) values ('shim@example.org', 'x') returning id`
				);
				await applyShim(driver, platformShim);
				await applyShim(driver, platformShim);

				expect(await driver.query('select email from auth.users where id = $1', [user!.id])).toEqual([
					{ email: 'shim@example.org' }
				]);
				const [seen] = await runAs(driver, asUser(user!.id), (tx) =>
					tx.query<{ uid: string; role: string }>('select auth.uid()::text as uid, current_user::text as role')
				);
				expect(seen).toEqual({ uid: user!.id, role: 'authenticated' });
			}
		));
}

for (const backend of backends) {
	describe.skipIf(backend.skip)(
		`migrations on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`,
		() => migrationTests(backend)
	);
}
