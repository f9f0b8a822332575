-- Core schema: profiles, datasets and their stewards, pairs, consent terms versions, consents,
-- votes and exports. Every table has row level security; the API roles get only the privileges
-- their policies need, because Supabase grants everything in `public` to them by default.

create schema if not exists private;
revoke all on schema private from public;
-- Policies run as the caller, so the caller must reach the helper functions they call.
grant usage on schema private to authenticated;

-- ---------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  display_name text check (char_length(display_name) between 1 and 80),
  created_at timestamptz not null default now()
);

create table public.datasets (
  id bigint generated always as identity primary key,
  slug text not null unique
    check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 64),
  title text not null check (char_length(title) between 1 and 200),
  description text not null default '' check (char_length(description) <= 5000),
  guidelines text not null default '' check (char_length(guidelines) <= 50000),
  overlap_target integer not null default 3 check (overlap_target between 1 and 100),
  status text not null default 'draft' check (status in ('draft', 'open', 'closed')),
  -- Kept by a statement trigger on pairs, so listing datasets never counts 100k rows.
  pair_count bigint not null default 0,
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.dataset_stewards (
  dataset_id bigint not null references public.datasets (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  added_by uuid references public.profiles (id) on delete set null,
  added_at timestamptz not null default now(),
  primary key (dataset_id, user_id)
);
create index dataset_stewards_user_id_idx on public.dataset_stewards (user_id);

create table public.pairs (
  id bigint generated always as identity primary key,
  dataset_id bigint not null references public.datasets (id) on delete cascade,
  external_id text check (char_length(external_id) between 1 and 200),
  -- Lists of {role, content} messages: the prompt ends with a user turn, each response holds
  -- the assistant turn(s), which is the shape TRL's conversational format exports.
  prompt jsonb not null check (jsonb_typeof(prompt) = 'array' and jsonb_array_length(prompt) > 0),
  response_a jsonb not null
    check (jsonb_typeof(response_a) = 'array' and jsonb_array_length(response_a) > 0),
  response_b jsonb not null
    check (jsonb_typeof(response_b) = 'array' and jsonb_array_length(response_b) > 0),
  model_a text check (char_length(model_a) <= 200),
  model_b text check (char_length(model_b) <= 200),
  metadata jsonb not null default '{}'::jsonb check (jsonb_typeof(metadata) = 'object'),
  created_at timestamptz not null default now(),
  unique (dataset_id, external_id),
  -- Lets votes reference (pair, dataset) so a vote can never point across datasets.
  unique (id, dataset_id)
);

create table public.terms_versions (
  id bigint generated always as identity primary key,
  dataset_id bigint not null references public.datasets (id) on delete cascade,
  version integer not null check (version >= 1),
  summary text not null default '' check (char_length(summary) <= 2000),
  full_text text not null default '' check (char_length(full_text) <= 100000),
  -- Purposes and conditions default to the restrictive answer: unknown never means yes.
  allow_train_ai boolean not null default false,
  allow_evaluate boolean not null default false,
  allow_publish boolean not null default false,
  allow_commercial boolean not null default false,
  open_weights_only boolean not null default true,
  license text not null default 'CC-BY-4.0' check (license ~ '^[A-Za-z0-9.+-]{1,64}$'),
  attribution text not null default 'pseudonymous'
    check (attribution in ('pseudonymous', 'named_on_request')),
  withdrawal_policy text not null default '' check (char_length(withdrawal_policy) <= 5000),
  retention text not null default '' check (char_length(retention) <= 5000),
  contact text not null default '' check (char_length(contact) <= 320),
  material boolean not null default true,
  status text not null default 'draft' check (status in ('draft', 'published')),
  created_by uuid default auth.uid() references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  published_at timestamptz,
  unique (dataset_id, version),
  unique (id, dataset_id),
  check ((status = 'published') = (published_at is not null)),
  check (status = 'draft' or (summary <> '' and full_text <> '' and contact <> ''))
);

create table public.consents (
  id bigint generated always as identity primary key,
  dataset_id bigint not null references public.datasets (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  terms_version_id bigint not null,
  credit text not null default 'pseudonymous' check (credit in ('pseudonymous', 'named')),
  credit_name text check (char_length(credit_name) between 1 and 120),
  accepted_at timestamptz not null default now(),
  -- Set when the person accepts a later version: their votes stay under this one.
  superseded_at timestamptz,
  withdrawn_at timestamptz,
  foreign key (terms_version_id, dataset_id) references public.terms_versions (id, dataset_id),
  check (credit = 'pseudonymous' or credit_name is not null)
);
create unique index consents_one_current_idx on public.consents (dataset_id, user_id)
  where withdrawn_at is null and superseded_at is null;
create index consents_user_id_idx on public.consents (user_id);

create table public.votes (
  id bigint generated always as identity primary key,
  dataset_id bigint not null,
  pair_id bigint not null,
  user_id uuid not null references public.profiles (id) on delete cascade,
  -- The consent and terms version its author had when casting it, attached by the database:
  -- the export filter reads both.
  consent_id bigint not null references public.consents (id),
  terms_version_id bigint not null,
  winner text not null check (winner in ('a', 'b', 'tie', 'both_bad')),
  strength smallint check (strength in (1, 2)),
  shown_left text not null check (shown_left in ('a', 'b')),
  rationale text check (char_length(rationale) <= 2000),
  created_at timestamptz not null default now(),
  foreign key (pair_id, dataset_id) references public.pairs (id, dataset_id) on delete cascade,
  foreign key (terms_version_id, dataset_id) references public.terms_versions (id, dataset_id),
  check ((winner in ('a', 'b')) = (strength is not null)),
  unique (pair_id, user_id)
);
create index votes_user_id_dataset_id_idx on public.votes (user_id, dataset_id);
create index votes_dataset_id_idx on public.votes (dataset_id);
create index votes_consent_id_idx on public.votes (consent_id);

create table public.exports (
  id bigint generated always as identity primary key,
  dataset_id bigint not null references public.datasets (id) on delete cascade,
  requested_by uuid references public.profiles (id) on delete set null,
  purpose text not null check (purpose in ('train-ai', 'evaluate', 'publish')),
  conditions jsonb not null default '{}'::jsonb check (jsonb_typeof(conditions) = 'object'),
  filters jsonb not null default '{}'::jsonb check (jsonb_typeof(filters) = 'object'),
  shape text not null check (shape in ('preferences', 'preferences-standard', 'votes')),
  format text not null check (format in ('parquet', 'jsonl')),
  row_count bigint check (row_count >= 0),
  manifest jsonb,
  created_at timestamptz not null default now()
);
create index exports_dataset_id_idx on public.exports (dataset_id);

-- ---------------------------------------------------------------------------
-- Helpers and triggers (security definer ones live in `private`, search_path empty)
-- ---------------------------------------------------------------------------

create function private.is_steward(dataset_id bigint) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.dataset_stewards s
    where s.dataset_id = is_steward.dataset_id and s.user_id = (select auth.uid())
  )
$$;
revoke execute on function private.is_steward(bigint) from public, anon;
grant execute on function private.is_steward(bigint) to authenticated;

create function private.add_creator_as_steward() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.created_by is not null then
    insert into public.dataset_stewards (dataset_id, user_id, added_by)
    values (new.id, new.created_by, new.created_by);
  end if;
  return null;
end
$$;
revoke execute on function private.add_creator_as_steward() from public, anon;

create trigger datasets_add_creator_as_steward
after insert on public.datasets
for each row execute function private.add_creator_as_steward();

create function private.guard_dataset_update() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.status = 'open' and old.status <> 'open' and not exists (
    select 1 from public.terms_versions t
    where t.dataset_id = new.id and t.status = 'published'
  ) then
    raise exception 'dataset "%" cannot open without published consent terms', new.slug
      using errcode = 'check_violation';
  end if;
  new.updated_at := now();
  return new;
end
$$;
revoke execute on function private.guard_dataset_update() from public, anon;

create trigger datasets_guard_update
before update on public.datasets
for each row execute function private.guard_dataset_update();

create function private.count_pairs() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    update public.datasets d set pair_count = d.pair_count + c.n
    from (select dataset_id, count(*) as n from new_pairs group by dataset_id) c
    where d.id = c.dataset_id;
  else
    update public.datasets d set pair_count = d.pair_count - c.n
    from (select dataset_id, count(*) as n from old_pairs group by dataset_id) c
    where d.id = c.dataset_id;
  end if;
  return null;
end
$$;
revoke execute on function private.count_pairs() from public, anon;

create trigger pairs_count_insert
after insert on public.pairs referencing new table as new_pairs
for each statement execute function private.count_pairs();
create trigger pairs_count_delete
after delete on public.pairs referencing old table as old_pairs
for each statement execute function private.count_pairs();

-- A published terms version is a record of what people agreed to: nobody may change it.
create function private.guard_published_terms() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if old.status = 'published' then
    raise exception 'terms version % of dataset % is published and cannot be changed',
      old.version, old.dataset_id
      using errcode = 'insufficient_privilege';
  end if;
  if tg_op = 'DELETE' then
    return old;
  end if;
  if new.status = 'published' then
    new.published_at := coalesce(new.published_at, now());
  end if;
  return new;
end
$$;
revoke execute on function private.guard_published_terms() from public, anon;

create trigger terms_versions_guard_published
before update or delete on public.terms_versions
for each row execute function private.guard_published_terms();

-- A consent row changes only by being superseded or withdrawn, once each; consenting again
-- is a new row.
create function private.guard_consent_update() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if (new.id, new.dataset_id, new.user_id, new.terms_version_id, new.credit, new.credit_name, new.accepted_at)
       is distinct from
     (old.id, old.dataset_id, old.user_id, old.terms_version_id, old.credit, old.credit_name, old.accepted_at)
     or (old.withdrawn_at is not null and new.withdrawn_at is distinct from old.withdrawn_at)
     or (old.superseded_at is not null and new.superseded_at is distinct from old.superseded_at)
     or (new.withdrawn_at is not distinct from old.withdrawn_at
         and new.superseded_at is not distinct from old.superseded_at)
  then
    raise exception 'a consent can only be superseded or withdrawn, once each; to consent again, give a new consent'
      using errcode = 'insufficient_privilege';
  end if;
  return new;
end
$$;
revoke execute on function private.guard_consent_update() from public, anon;

create trigger consents_guard_update
before update on public.consents
for each row execute function private.guard_consent_update();

-- ---------------------------------------------------------------------------
-- Privileges: revoke Supabase's blanket grants, then grant what the policies use
-- ---------------------------------------------------------------------------

revoke all on public.profiles, public.datasets, public.dataset_stewards, public.pairs,
  public.terms_versions, public.consents, public.votes, public.exports
  from anon, authenticated;

-- anon may query dataset_stewards only so that shared queries plan; no policy shows it a row.
grant select on public.datasets, public.terms_versions, public.dataset_stewards to anon;

grant select, insert on public.profiles to authenticated;
grant update (display_name) on public.profiles to authenticated;
grant select on public.datasets to authenticated;
grant insert (slug, title, description, guidelines, overlap_target, created_by)
  on public.datasets to authenticated;
grant update (title, description, guidelines, overlap_target, status)
  on public.datasets to authenticated;
grant select, insert on public.dataset_stewards to authenticated;
grant select, insert, delete on public.pairs to authenticated;
grant update (external_id, prompt, response_a, response_b, model_a, model_b, metadata)
  on public.pairs to authenticated;
grant select, delete on public.terms_versions to authenticated;
grant insert (dataset_id, version, summary, full_text, allow_train_ai, allow_evaluate,
  allow_publish, allow_commercial, open_weights_only, license, attribution, withdrawal_policy,
  retention, contact, material) on public.terms_versions to authenticated;
grant update (summary, full_text, allow_train_ai, allow_evaluate, allow_publish,
  allow_commercial, open_weights_only, license, attribution, withdrawal_policy, retention,
  contact, material, status) on public.terms_versions to authenticated;
grant select on public.consents to authenticated;
grant insert (dataset_id, user_id, terms_version_id, credit, credit_name)
  on public.consents to authenticated;
grant update (withdrawn_at, superseded_at) on public.consents to authenticated;
grant select on public.votes to authenticated;
grant insert (dataset_id, pair_id, user_id, consent_id, terms_version_id, winner, strength, shown_left, rationale)
  on public.votes to authenticated;
grant select on public.exports to authenticated;
grant insert (dataset_id, requested_by, purpose, conditions, filters, shape, format)
  on public.exports to authenticated;

-- ---------------------------------------------------------------------------
-- Row level security
-- ---------------------------------------------------------------------------

alter table public.profiles enable row level security;
alter table public.datasets enable row level security;
alter table public.dataset_stewards enable row level security;
alter table public.pairs enable row level security;
alter table public.terms_versions enable row level security;
alter table public.consents enable row level security;
alter table public.votes enable row level security;
alter table public.exports enable row level security;

create policy "people read their own profile" on public.profiles
  for select to authenticated using (id = (select auth.uid()));
create policy "people create their own profile" on public.profiles
  for insert to authenticated with check (id = (select auth.uid()));
create policy "people edit their own profile" on public.profiles
  for update to authenticated
  using (id = (select auth.uid())) with check (id = (select auth.uid()));

create policy "anyone reads datasets that are not drafts" on public.datasets
  for select to anon using (status <> 'draft');
-- The creator is named too because INSERT ... RETURNING checks this policy before the trigger
-- that makes the creator a steward has run.
create policy "members read datasets that are not drafts, stewards read theirs" on public.datasets
  for select to authenticated
  using (status <> 'draft' or created_by = (select auth.uid()) or private.is_steward(id));
create policy "members create datasets as themselves" on public.datasets
  for insert to authenticated with check (created_by = (select auth.uid()));
create policy "stewards edit their datasets" on public.datasets
  for update to authenticated using (private.is_steward(id)) with check (private.is_steward(id));

create policy "stewards see who stewards with them, members see their own rows"
  on public.dataset_stewards
  for select to authenticated
  using (user_id = (select auth.uid()) or private.is_steward(dataset_id));
create policy "stewards add co-stewards" on public.dataset_stewards
  for insert to authenticated
  with check (private.is_steward(dataset_id) and added_by = (select auth.uid()));

-- Pairs are visible wherever their dataset is (the datasets policy decides).
create policy "members read pairs of datasets they can see" on public.pairs
  for select to authenticated
  using (exists (select 1 from public.datasets d where d.id = pairs.dataset_id));
create policy "stewards add pairs" on public.pairs
  for insert to authenticated with check (private.is_steward(dataset_id));
create policy "stewards edit pairs" on public.pairs
  for update to authenticated
  using (private.is_steward(dataset_id)) with check (private.is_steward(dataset_id));
create policy "stewards remove pairs" on public.pairs
  for delete to authenticated using (private.is_steward(dataset_id));

create policy "anyone reads published terms" on public.terms_versions
  for select to anon using (status = 'published');
create policy "members read published terms, stewards read drafts" on public.terms_versions
  for select to authenticated
  using (status = 'published' or private.is_steward(dataset_id));
create policy "stewards draft terms" on public.terms_versions
  for insert to authenticated with check (private.is_steward(dataset_id));
create policy "stewards edit and publish drafts" on public.terms_versions
  for update to authenticated
  using (private.is_steward(dataset_id) and status = 'draft')
  with check (private.is_steward(dataset_id));
create policy "stewards discard drafts" on public.terms_versions
  for delete to authenticated using (private.is_steward(dataset_id) and status = 'draft');

create policy "people read their own consents" on public.consents
  for select to authenticated using (user_id = (select auth.uid()));
create policy "people consent to published terms, as themselves" on public.consents
  for insert to authenticated
  with check (
    user_id = (select auth.uid())
    and exists (
      select 1 from public.terms_versions t
      where t.id = consents.terms_version_id and t.status = 'published'
    )
  );
create policy "people withdraw their own consents" on public.consents
  for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));

create policy "people read their own votes" on public.votes
  for select to authenticated using (user_id = (select auth.uid()));
-- The database, not the page, refuses a vote without a live consent to the terms it names.
create policy "people vote as themselves, under the terms they accepted" on public.votes
  for insert to authenticated
  with check (
    user_id = (select auth.uid())
    and exists (
      select 1 from public.consents c
      where c.id = votes.consent_id
        and c.user_id = (select auth.uid())
        and c.terms_version_id = votes.terms_version_id
        and c.withdrawn_at is null
    )
    and exists (
      select 1 from public.datasets d where d.id = votes.dataset_id and d.status = 'open'
    )
  );

create policy "researchers read their exports, stewards read their datasets' exports"
  on public.exports
  for select to authenticated
  using (requested_by = (select auth.uid()) or private.is_steward(dataset_id));
create policy "members record exports as themselves" on public.exports
  for insert to authenticated with check (requested_by = (select auth.uid()));

-- ---------------------------------------------------------------------------
-- Functions the app calls (through the db port's rpc, as the requesting user)
-- ---------------------------------------------------------------------------

create function public.ensure_profile(display_name text default null)
returns public.profiles
language sql volatile security invoker set search_path = ''
as $$
  insert into public.profiles (id, display_name)
  values ((select auth.uid()), nullif(btrim(ensure_profile.display_name), ''))
  on conflict (id) do nothing;
  select p from public.profiles p where p.id = (select auth.uid());
$$;
revoke execute on function public.ensure_profile(text) from public, anon;
grant execute on function public.ensure_profile(text) to authenticated;

create function public.list_datasets()
returns table (
  slug text, title text, description text, status text, overlap_target integer,
  pair_count bigint, is_steward boolean, terms_version integer, license text
)
language sql stable security invoker set search_path = ''
as $$
  select d.slug, d.title, d.description, d.status, d.overlap_target, d.pair_count,
         exists (
           select 1 from public.dataset_stewards s
           where s.dataset_id = d.id and s.user_id = (select auth.uid())
         ),
         t.version, t.license
  from public.datasets d
  left join lateral (
    select tv.version, tv.license from public.terms_versions tv
    where tv.dataset_id = d.id and tv.status = 'published'
    order by tv.version desc limit 1
  ) t on true
  order by (d.status = 'open') desc, d.created_at desc, d.id desc
$$;
revoke execute on function public.list_datasets() from public;
grant execute on function public.list_datasets() to anon, authenticated;

create function public.get_dataset(dataset_slug text)
returns table (
  slug text, title text, description text, guidelines text, status text,
  overlap_target integer, pair_count bigint, is_steward boolean,
  terms_version integer, terms_summary text, terms_full_text text, license text, attribution text,
  allow_train_ai boolean, allow_evaluate boolean, allow_publish boolean,
  allow_commercial boolean, open_weights_only boolean
)
language sql stable security invoker set search_path = ''
as $$
  select d.slug, d.title, d.description, d.guidelines, d.status, d.overlap_target, d.pair_count,
         exists (
           select 1 from public.dataset_stewards s
           where s.dataset_id = d.id and s.user_id = (select auth.uid())
         ),
         t.version, t.summary, t.full_text, t.license, t.attribution,
         t.allow_train_ai, t.allow_evaluate, t.allow_publish, t.allow_commercial, t.open_weights_only
  from public.datasets d
  left join lateral (
    select tv.* from public.terms_versions tv
    where tv.dataset_id = d.id and tv.status = 'published'
    order by tv.version desc limit 1
  ) t on true
  where d.slug = get_dataset.dataset_slug
$$;
revoke execute on function public.get_dataset(text) from public;
grant execute on function public.get_dataset(text) to anon, authenticated;
