-- Reading one export back, and who an export credits by name.

-- One export, if the caller may see it: the exports table's policy decides (the person who asked
-- for it, and the dataset's stewards). The app serves an export's files only after this.
create function public.get_export(export_id bigint)
returns table (
  id bigint, dataset_slug text, requested_by uuid, purpose text, conditions jsonb, filters jsonb,
  shape text, format text, status text, row_count bigint, error text,
  created_at timestamptz, finished_at timestamptz, manifest jsonb
)
language sql stable security invoker set search_path = ''
as $$
  select e.id, d.slug, e.requested_by, e.purpose, e.conditions, e.filters, e.shape, e.format,
         e.status, e.row_count, e.error, e.created_at, e.finished_at, e.manifest
  from public.exports e
  join public.datasets d on d.id = e.dataset_id
  where e.id = get_export.export_id
$$;
revoke execute on function public.get_export(bigint) from public, anon;
grant execute on function public.get_export(bigint) to authenticated;

-- The names to credit in a running export's dataset card: contributors with votes in it whose
-- consent, now, asks to be credited by name. A person who since chose to stay pseudonymous, or
-- withdrew, is not named.
create function private.export_credits(export_id bigint)
returns text[]
language sql stable security definer set search_path = ''
as $$
  select coalesce(array_agg(distinct c.credit_name order by c.credit_name), '{}')
  from private.export_votes s
  join public.votes v on v.id = s.vote_id
  join public.consents c on c.user_id = v.user_id and c.dataset_id = v.dataset_id
  where s.export_id = export_credits.export_id
    and c.withdrawn_at is null and c.superseded_at is null
    and c.credit = 'named'
$$;
revoke execute on function private.export_credits(bigint) from public, anon, authenticated;
grant execute on function private.export_credits(bigint) to service_role;

-- ---------------------------------------------------------------------------
-- Which exports included whose votes, so a volunteer can see what became of them
-- ---------------------------------------------------------------------------

-- Written when an export finishes (private.finish_export), from the votes it froze: for a
-- preferences export only the votes of pairs that became rows. An audit record, like the
-- manifest: a later withdrawal does not change what an earlier export held.
create table public.export_contributions (
  export_id bigint not null references public.exports (id) on delete cascade,
  -- The export's dataset, here because the contributor may not read the export's own row.
  dataset_id bigint not null references public.datasets (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  votes integer not null check (votes > 0),
  recorded_at timestamptz not null default now(),
  primary key (export_id, user_id)
);
create index export_contributions_user_id_idx on public.export_contributions (user_id, dataset_id);
alter table public.export_contributions enable row level security;
revoke all on public.export_contributions from public, anon, authenticated;
grant select on public.export_contributions to authenticated;
create policy "contributors read their own export contributions" on public.export_contributions
  for select to authenticated using (user_id = (select auth.uid()));

create function private.record_export_contributions(export_id bigint)
returns void
language sql volatile security definer set search_path = ''
as $$
  insert into public.export_contributions (export_id, dataset_id, user_id, votes)
  select s.export_id, e.dataset_id, v.user_id, count(*)
  from private.export_votes s
  join public.votes v on v.id = s.vote_id
  join public.exports e on e.id = s.export_id
  where s.export_id = record_export_contributions.export_id
    and (e.shape = 'votes' or exists (
      select 1 from private.export_pairs p where p.export_id = s.export_id and p.pair_id = s.pair_id
    ))
  group by s.export_id, e.dataset_id, v.user_id
$$;
revoke execute on function private.record_export_contributions(bigint) from public, anon, authenticated;
grant execute on function private.record_export_contributions(bigint) to service_role;

-- My contributions, now also saying how many finished exports included some of my votes.
drop function public.my_contributions();
create function public.my_contributions()
returns table (
  slug text, title text, consent text, terms_version integer, credit text,
  consented_at timestamptz, withdrawn_at timestamptz, votes_included bigint, votes_withdrawn bigint,
  exports_including bigint
)
language sql stable security invoker set search_path = ''
as $$
  select d.slug, d.title, private.consent_state(d.id, (select auth.uid())), t.version, last.credit,
         last.accepted_at, last.withdrawn_at,
         (select count(*) from public.votes v join public.consents c on c.id = v.consent_id
          where v.dataset_id = d.id and v.user_id = (select auth.uid()) and c.withdrawn_at is null),
         (select count(*) from public.votes v join public.consents c on c.id = v.consent_id
          where v.dataset_id = d.id and v.user_id = (select auth.uid()) and c.withdrawn_at is not null),
         (select count(*) from public.export_contributions x
          where x.dataset_id = d.id and x.user_id = (select auth.uid()))
  from public.datasets d
  join lateral (
    select c.* from public.consents c
    where c.dataset_id = d.id and c.user_id = (select auth.uid())
    order by c.id desc limit 1
  ) last on true
  join public.terms_versions t on t.id = last.terms_version_id
  order by last.accepted_at desc
$$;
revoke execute on function public.my_contributions() from public, anon;
grant execute on function public.my_contributions() to authenticated;

-- ---------------------------------------------------------------------------
-- A dataset's figures for researchers, before they export
-- ---------------------------------------------------------------------------

-- Counts over every vote, which no member may read one by one: aggregates only, and only for a
-- dataset the caller can see (the datasets policy decides, through the invoker's wrapper).
create function private.dataset_figures(dataset_id bigint)
returns table (votes bigint, voters bigint, pairs_voted bigint, decided_pairs bigint, mean_agreement double precision)
language sql stable security definer set search_path = ''
as $$
  with per_pair as (
    select v.pair_id, count(*) as n,
           count(*) filter (where v.winner = 'a') as a,
           count(*) filter (where v.winner = 'b') as b
    from public.votes v where v.dataset_id = dataset_figures.dataset_id
    group by v.pair_id
  )
  select (select count(*) from public.votes v where v.dataset_id = dataset_figures.dataset_id),
         (select count(distinct v.user_id) from public.votes v where v.dataset_id = dataset_figures.dataset_id),
         (select count(*) from per_pair),
         (select count(*) from per_pair p where p.n >= 2 and p.a <> p.b),
         (select avg(greatest(p.a, p.b)::double precision / p.n) from per_pair p where p.n >= 2 and p.a <> p.b)
$$;
revoke execute on function private.dataset_figures(bigint) from public, anon;
grant execute on function private.dataset_figures(bigint) to authenticated, service_role;

-- mean_agreement: over pairs with two or more votes and a majority side, the share of votes that
-- side won. The dataset card of each export gives Krippendorff's alpha for exactly its votes.
create function public.dataset_figures(dataset_slug text)
returns table (votes bigint, voters bigint, pairs_voted bigint, decided_pairs bigint, mean_agreement double precision)
language sql stable security invoker set search_path = ''
as $$
  select f.* from public.datasets d, private.dataset_figures(d.id) f
  where d.slug = dataset_figures.dataset_slug
$$;
revoke execute on function public.dataset_figures(text) from public, anon;
grant execute on function public.dataset_figures(text) to authenticated, service_role;

-- ---------------------------------------------------------------------------
-- The export steps as the data API can call them, for service_role only
-- ---------------------------------------------------------------------------

-- On Supabase the server reaches the database only through PostgREST, which calls `public`
-- functions. These wrappers run the private steps with the caller's rights, so only a caller
-- that may run those (service_role) gets anywhere. A page is one JSON value: PostgREST's row
-- limit applies to rows, and keyset pages never need it.
create function public.export_snapshot(export_id bigint)
returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.snapshot_export(export_snapshot.export_id) $$;

create function public.export_vote_page(export_id bigint, after_pair_id bigint, after_vote_id bigint, page_size integer)
returns json
language sql stable security invoker set search_path = ''
as $$
  select coalesce(json_agg(r order by r.pair_id, r.vote_id), '[]'::json)
  from private.export_vote_rows(export_vote_page.export_id, export_vote_page.after_pair_id,
                                export_vote_page.after_vote_id, export_vote_page.page_size) r
$$;

create function public.export_preference_page(export_id bigint, after_pair_id bigint, page_size integer)
returns json
language sql stable security invoker set search_path = ''
as $$
  select coalesce(json_agg(r order by r.pair_id), '[]'::json)
  from private.export_preference_rows(export_preference_page.export_id, export_preference_page.after_pair_id,
                                      export_preference_page.page_size) r
$$;

create function public.export_credits(export_id bigint)
returns text[]
language sql stable security invoker set search_path = ''
as $$ select private.export_credits(export_credits.export_id) $$;

create function public.finish_export(export_id bigint, row_count bigint, manifest jsonb)
returns void
language sql volatile security invoker set search_path = ''
as $$ select private.finish_export(finish_export.export_id, finish_export.row_count, finish_export.manifest) $$;

create function public.fail_export(export_id bigint, error text)
returns void
language sql volatile security invoker set search_path = ''
as $$ select private.fail_export(fail_export.export_id, fail_export.error) $$;

revoke execute on function public.export_snapshot(bigint), public.export_vote_page(bigint, bigint, bigint, integer),
  public.export_preference_page(bigint, bigint, integer), public.export_credits(bigint),
  public.finish_export(bigint, bigint, jsonb), public.fail_export(bigint, text)
  from public, anon, authenticated;
grant execute on function public.export_snapshot(bigint), public.export_vote_page(bigint, bigint, bigint, integer),
  public.export_preference_page(bigint, bigint, integer), public.export_credits(bigint),
  public.finish_export(bigint, bigint, jsonb), public.fail_export(bigint, text)
  to service_role;
