/**
 * The migrations must run unchanged on Supabase, where they are applied by `supabase db push` as
 * the `postgres` role, which is not a superuser, into a database whose `auth` schema belongs to
 * Supabase Auth. Here: a fresh PostgreSQL 15 database with only the platform shim, then every
 * migration applied as a non-superuser role given what Supabase gives `postgres`, and the `auth`
 * schema compared before and after.
 */
import { randomUUID } from 'node:crypto';
import { inject, describe, expect, it } from 'vitest';
import { applyMigrations, applyShim } from '../../src/lib/server/db/migrate';
import { openPostgres } from '../../src/lib/server/db/postgres-driver';
import { migrations, platformShim } from '../../src/lib/server/db/sources';
import { withDatabase } from '../support/global-setup';

const pg = inject('pgTemplate');

/** Every object in `auth` with its definition and privileges, as sortable lines. */
const AUTH_SNAPSHOT = `
  select 'schema:' || coalesce(n.nspacl::text, '') as line from pg_namespace n where n.nspname = 'auth'
  union all
  select 'relation:' || c.relname || ':' || c.relkind::text || ':' || coalesce(c.relacl::text, '') || ':' || c.relrowsecurity
  from pg_class c where c.relnamespace = 'auth'::regnamespace
  union all
  select 'column:' || a.attrelid::regclass || '.' || a.attname || ':' || format_type(a.atttypid, a.atttypmod) || ':' || a.attnotnull
  from pg_attribute a join pg_class c on c.oid = a.attrelid
  where c.relnamespace = 'auth'::regnamespace and a.attnum > 0 and not a.attisdropped
  union all
  select 'function:' || p.oid::regprocedure || ':' || md5(p.prosrc) || ':' || coalesce(p.proacl::text, '')
  from pg_proc p where p.pronamespace = 'auth'::regnamespace
  union all
  -- Foreign keys from public tables add internal triggers here; those are the referencing side's.
  select 'trigger:' || t.tgrelid::regclass || '.' || t.tgname from pg_trigger t
  join pg_class c on c.oid = t.tgrelid where c.relnamespace = 'auth'::regnamespace and not t.tgisinternal
  union all
  select 'policy:' || p.polrelid::regclass || '.' || p.polname from pg_policy p
  join pg_class c on c.oid = p.polrelid where c.relnamespace = 'auth'::regnamespace
  order by 1`;

describe.skipIf(!pg)(`migrations as Supabase applies them${pg ? '' : ' (skipped: TEST_DATABASE_URL is not set)'}`, () => {
	it('apply from an empty PostgreSQL 15 database as a non-superuser, and leave the auth schema as it was', async () => {
		const name = `pc_supabase_${randomUUID().replaceAll('-', '')}`;
		const role = `pc_owner_${randomUUID().slice(0, 8)}`;
		const password = randomUUID();
		const admin = openPostgres(pg!.url, { max: 1 });
		await admin.exec(`create database ${name}`);
		const asSuperuser = openPostgres(withDatabase(pg!.url, name), { max: 1 });
		try {
			const [version] = await asSuperuser.query<{ server_version_num: string }>('show server_version_num');
			expect(Number(version!.server_version_num)).toBeGreaterThanOrEqual(150000);
			await applyShim(asSuperuser, platformShim);
			// What Supabase gives its `postgres` role: owner of the database, no superuser, the API
			// roles' default grants on what it creates, and use of what Supabase Auth owns.
			await asSuperuser.exec(`
				create role ${role} login nosuperuser nocreaterole password '${password}';
				alter database ${name} owner to ${role};
				grant usage on schema auth to ${role};
				grant select, references on auth.users to ${role};
				grant execute on all functions in schema auth to ${role};
				alter default privileges for role ${role} in schema public grant all on tables to anon, authenticated, service_role;
				alter default privileges for role ${role} in schema public grant all on sequences to anon, authenticated, service_role;
				alter default privileges for role ${role} in schema public grant all on functions to anon, authenticated, service_role;`);
			const before = await asSuperuser.query<{ line: string }>(AUTH_SNAPSHOT);

			const url = new URL(withDatabase(pg!.url, name));
			url.username = role;
			url.password = password;
			const asOwner = openPostgres(url.toString(), { max: 1 });
			try {
				const [who] = await asOwner.query<{ usesuper: boolean }>('select usesuper from pg_user where usename = current_user');
				expect(who!.usesuper).toBe(false);
				expect(await applyMigrations(asOwner, migrations)).toEqual(migrations.map((m) => m.version));
			} finally {
				await asOwner.close();
			}

			expect(await asSuperuser.query<{ line: string }>(AUTH_SNAPSHOT)).toEqual(before);
			const [rls] = await asSuperuser.query<{ without_rls: string[] }>(
				`select coalesce(array_agg(relname), '{}') as without_rls from pg_class
				 where relnamespace = 'public'::regnamespace and relkind = 'r' and not relrowsecurity`
			);
			expect(rls!.without_rls).toEqual([]);
		} finally {
			await asSuperuser.close();
			await admin.exec(`drop database if exists ${name} with (force)`);
			await admin.exec(`drop owned by ${role} cascade`).catch(() => {});
			await admin.exec(`drop role if exists ${role}`);
			await admin.close();
		}
	});
});
