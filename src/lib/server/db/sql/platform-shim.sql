-- Platform shim: the parts of Supabase that the migrations rely on, for databases that are not
-- Supabase (embedded PGlite, plain PostgreSQL). It never runs on Supabase, where the real ones
-- exist. Every statement is idempotent because it is applied on every start.

-- Several processes may start at once on one PostgreSQL cluster, and roles are cluster-wide.
do $$
declare
  r text;
begin
  foreach r in array array['anon', 'authenticated', 'service_role'] loop
    if not exists (select from pg_roles where rolname = r) then
      begin
        execute format('create role %I nologin noinherit %s', r,
          case when r = 'service_role' then 'bypassrls' else '' end);
      exception when duplicate_object or unique_violation then null;
      end;
    end if;
  end loop;
end
$$;

-- The connecting role plays Supabase's `authenticator`: it switches into these roles per request.
do $$
begin
  if not pg_has_role(current_user, 'anon', 'member') then
    execute format('grant anon, authenticated, service_role to %I', current_user);
  end if;
end
$$;

-- Supabase's defaults: the API roles may use `public`, and new objects there are granted to them.
-- Reproducing them here means the migrations must lock tables down themselves, as on Supabase.
grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;

create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;

create table if not exists auth.users (
  id uuid primary key default gen_random_uuid(),
  email text not null unique check (email = lower(email)),
  encrypted_password text not null,
  raw_user_meta_data jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_sign_in_at timestamptz
);

-- Same definitions as Supabase's: the claims come from the request's transaction-local settings.
create or replace function auth.jwt() returns jsonb
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

create or replace function auth.uid() returns uuid
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

create or replace function auth.role() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

grant execute on function auth.jwt(), auth.uid(), auth.role() to anon, authenticated, service_role;

-- Local accounts (embedded and plain-PostgreSQL mode only). Only the server's own connection
-- reads these: no API role is granted anything in this schema.
create schema if not exists local_auth;
revoke all on schema local_auth from public;

create table if not exists local_auth.sessions (
  token_hash text primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index if not exists sessions_user_id_idx on local_auth.sessions (user_id);
create index if not exists sessions_expires_at_idx on local_auth.sessions (expires_at);

create table if not exists local_auth.failed_sign_ins (
  id bigint generated always as identity primary key,
  email text not null,
  attempted_at timestamptz not null default now()
);
create index if not exists failed_sign_ins_email_idx on local_auth.failed_sign_ins (email, attempted_at);
-- Where the attempt came from: failures are counted per email and address, so guessing from one
-- place cannot lock the owner out everywhere.
alter table local_auth.failed_sign_ins add column if not exists address text not null default '';
create index if not exists failed_sign_ins_attempted_at_idx on local_auth.failed_sign_ins (attempted_at);
