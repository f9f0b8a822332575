-- Personal API tokens: a researcher calls the HTTP API (exports) as themselves with
-- `Authorization: Bearer pc_…`. Made, listed and revoked on the account page.

-- Only a hash of each token is kept, so a leaked table lets nobody in. A plain sha256 is enough
-- here, unlike for passwords: the token is 256 random bits, so there is nothing to guess and
-- nothing a slow hash would protect; a fast, unsalted hash also lets the lookup use the index.
create table public.api_tokens (
  id bigint generated always as identity primary key,
  user_id uuid not null references public.profiles (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 80 and name = btrim(name)),
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  -- The token's first characters, shown in the list so its owner can tell which one leaked.
  token_start text not null check (token_start ~ '^pc_[A-Za-z0-9_-]{4}$'),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  expires_at timestamptz check (expires_at is null or expires_at > created_at),
  revoked_at timestamptz
);
create index api_tokens_user_id_idx on public.api_tokens (user_id);

revoke all on public.api_tokens from anon, authenticated, service_role;
grant select on public.api_tokens to authenticated;
-- Revoking is the only change a person makes to a token; making one goes through
-- create_api_token, so nobody can store a hash of a token they chose.
grant update (revoked_at) on public.api_tokens to authenticated;

alter table public.api_tokens enable row level security;

create policy "people read their own tokens" on public.api_tokens
  for select to authenticated using (user_id = (select auth.uid()));
-- A revoked token stays revoked: only a live token may be updated, and only to revoked.
create policy "people revoke their own tokens" on public.api_tokens
  for update to authenticated
  using (user_id = (select auth.uid()) and revoked_at is null)
  with check (user_id = (select auth.uid()) and revoked_at is not null);

-- How many live tokens one person may hold: enough for every machine they use, and a bound on
-- what a script run wild can add.
create function private.max_live_api_tokens() returns integer
language sql immutable set search_path = '' as $$ select 50 $$;

-- Makes a token for the caller and returns it; this is the only time it is ever seen. Security
-- definer because people may not insert tokens themselves (see the grants above).
create function private.create_api_token(name text, valid_days integer)
returns text
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  clean text := btrim(create_api_token.name);
  token text;
begin
  if uid is null then
    raise exception 'sign in to make an API token' using errcode = 'insufficient_privilege';
  end if;
  if clean is null or char_length(clean) not between 1 and 80 then
    raise exception 'name: give the token a name of 1 to 80 characters' using errcode = 'invalid_parameter_value';
  end if;
  if create_api_token.valid_days is not null and create_api_token.valid_days not between 1 and 3650 then
    raise exception 'valid_days: a token lasts between 1 and 3650 days, or until revoked'
      using errcode = 'invalid_parameter_value';
  end if;
  -- Serialises one person's token creation so two at once cannot both slip under the limit.
  perform pg_advisory_xact_lock(hashtext('api_tokens:' || uid::text));
  if (select count(*) from public.api_tokens t
      where t.user_id = uid and t.revoked_at is null and (t.expires_at is null or t.expires_at > now()))
     >= private.max_live_api_tokens() then
    raise exception 'you hold % live API tokens already: revoke one first', private.max_live_api_tokens()
      using errcode = 'check_violation';
  end if;
  -- 256 bits from the server's strong random source (gen_random_uuid is in core PostgreSQL and
  -- PGlite; pgcrypto is not), base64url so the token is short and safe in a header. The `pc_`
  -- prefix lets secret scanners recognise a leaked token.
  token := 'pc_' || rtrim(translate(encode(
    sha256(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid())),
    'base64'), '+/', '-_'), '=');
  insert into public.api_tokens (user_id, name, token_hash, token_start, expires_at)
  values (uid, clean, encode(sha256(convert_to(token, 'UTF8')), 'hex'), left(token, 7),
          now() + make_interval(days => create_api_token.valid_days));
  return token;
end
$$;
revoke execute on function private.create_api_token(text, integer) from public, anon;
grant execute on function private.create_api_token(text, integer) to authenticated;

create function public.create_api_token(name text, valid_days integer default null)
returns text
language sql volatile security invoker set search_path = ''
as $$ select private.create_api_token(create_api_token.name, create_api_token.valid_days) $$;
revoke execute on function public.create_api_token(text, integer) from public, anon;
grant execute on function public.create_api_token(text, integer) to authenticated;

-- The caller's tokens, newest first, revoked and expired ones included so they can see when a
-- token stopped working. Never the hash.
create function public.list_api_tokens()
returns table (
  id bigint, name text, token_start text, created_at timestamptz, last_used_at timestamptz,
  expires_at timestamptz, revoked_at timestamptz
)
language sql stable security invoker set search_path = ''
as $$
  select t.id, t.name, t.token_start, t.created_at, t.last_used_at, t.expires_at, t.revoked_at
  from public.api_tokens t
  where t.user_id = (select auth.uid())
  order by t.created_at desc, t.id desc
$$;
revoke execute on function public.list_api_tokens() from public, anon;
grant execute on function public.list_api_tokens() to authenticated;

-- Revokes one of the caller's tokens at once. Row level security decides whose: someone else's
-- token, or one already revoked, is reported as not found, so ids reveal nothing.
create function public.revoke_api_token(token_id bigint)
returns timestamptz
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  revoked timestamptz;
begin
  update public.api_tokens t set revoked_at = now()
  where t.id = revoke_api_token.token_id and t.revoked_at is null
  returning t.revoked_at into revoked;
  if revoked is null then
    raise exception 'no live API token % of yours to revoke', revoke_api_token.token_id
      using errcode = 'no_data_found';
  end if;
  return revoked;
end
$$;
revoke execute on function public.revoke_api_token(bigint) from public, anon;
grant execute on function public.revoke_api_token(bigint) to authenticated;

-- The person a presented token stands for, if it is live; notes when it was last used. Called
-- by the server alone (as service_role), with the hash only, so the token never reaches SQL logs.
-- Security definer because it reads auth.users, which no API role reads.
create function private.resolve_api_token(token_hash text)
returns table (user_id uuid, email text)
language plpgsql volatile security definer set search_path = ''
as $$
declare
  live public.api_tokens;
begin
  select t.* into live from public.api_tokens t
  where t.token_hash = resolve_api_token.token_hash
    and t.revoked_at is null and (t.expires_at is null or t.expires_at > now());
  if live.id is null then
    return;
  end if;
  -- At most one write a minute per token: a client polling a long export does not turn every
  -- request into an update.
  update public.api_tokens t set last_used_at = now()
  where t.id = live.id and (t.last_used_at is null or t.last_used_at < now() - interval '1 minute');
  return query select u.id, u.email::text from auth.users u where u.id = live.user_id;
end
$$;
-- The server's service_role reaches this one helper in private, as it does the export filter.
grant usage on schema private to service_role;
revoke execute on function private.resolve_api_token(text) from public, anon, authenticated;
grant execute on function private.resolve_api_token(text) to service_role;

create function public.resolve_api_token(token_hash text)
returns table (user_id uuid, email text)
language sql volatile security invoker set search_path = ''
as $$ select * from private.resolve_api_token(resolve_api_token.token_hash) $$;
revoke execute on function public.resolve_api_token(text) from public, anon, authenticated;
grant execute on function public.resolve_api_token(text) to service_role;

-- The caller's own profile, for `GET /api/v1/me`.
create function public.my_profile()
returns table (id uuid, display_name text, created_at timestamptz)
language sql stable security invoker set search_path = ''
as $$ select p.id, p.display_name, p.created_at from public.profiles p where p.id = (select auth.uid()) $$;
revoke execute on function public.my_profile() from public, anon;
grant execute on function public.my_profile() to authenticated;
