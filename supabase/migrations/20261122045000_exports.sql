-- Exports, as DESIGN.md's "Exports" section states them.
--
-- 1. A signed-in researcher calls public.request_export as themselves. It checks who may export
--    (anyone signed in, for an open or closed dataset; its stewards also for a draft one),
--    validates the purpose, conditions, shape, format and filters, and records the export row.
--    Only this function writes export rows: a row is a record stewards audit, so nobody may
--    insert one that skipped the checks.
-- 2. The server, as service_role, freezes the export's votes once (private.snapshot_export),
--    and for a preferences export aggregates them per pair then. The export filter
--    (private.exportable_votes) runs exactly once, with the purpose and conditions read from the
--    row, so what is read cannot differ from what was declared, and pages of a long export all
--    see the same votes. The filter is a plpgsql set function that materialises all its rows on
--    every call, so calling it per page would be quadratic.
-- 3. It reads keyset pages (private.export_vote_rows, private.export_preference_rows), each in
--    its own short transaction, so an embedded database keeps serving requests in between.
-- 4. It finishes (private.finish_export: row count, manifest) or fails the export; both drop the
--    frozen votes and pairs.

grant usage on schema private to service_role;

alter table public.exports
  add column status text not null default 'requested'
    check (status in ('requested', 'running', 'finished', 'failed')),
  -- The terms version the researcher accepted when asking: the latest published one.
  add column accepted_terms_version integer,
  add column started_at timestamptz,
  add column finished_at timestamptz,
  add column error text check (char_length(error) <= 2000);

-- Export rows are written only through request_export and the service functions below.
revoke insert on public.exports from authenticated;
drop policy "members record exports as themselves" on public.exports;

-- ---------------------------------------------------------------------------
-- Pseudonyms: a keyed hash per dataset, the key readable by no API role
-- ---------------------------------------------------------------------------

create table private.export_secrets (
  id boolean primary key default true check (id),
  -- Two random UUIDs: 244 random bits, without pgcrypto (PGlite lacks it).
  pseudonym_key text not null default (gen_random_uuid()::text || gen_random_uuid()::text)
);
insert into private.export_secrets default values;
revoke all on private.export_secrets from public, anon, authenticated, service_role;
alter table private.export_secrets enable row level security;

-- ---------------------------------------------------------------------------
-- The frozen votes of a running export
-- ---------------------------------------------------------------------------

-- The facts of each frozen vote that the aggregation needs, so a preferences page reads only
-- this table. No foreign key: a million per-row checks would double the cost of freezing, and
-- finish_export/fail_export delete the rows.
create table private.export_votes (
  export_id bigint not null,
  pair_id bigint not null,
  vote_id bigint not null,
  winner text not null,
  strength smallint,
  terms_version integer not null,
  primary key (export_id, pair_id, vote_id)
);
revoke all on private.export_votes from public, anon, authenticated, service_role;
alter table private.export_votes enable row level security;

-- The aggregated pairs of a running preferences export, decided once when it is frozen, so
-- that each page is a range of this table's primary key, not a new aggregation.
create table private.export_pairs (
  export_id bigint not null,
  pair_id bigint not null,
  a_chosen boolean not null,
  score_chosen integer not null,
  score_rejected integer not null,
  n_votes integer not null,
  agreement double precision not null,
  terms_version integer not null,
  primary key (export_id, pair_id)
);
revoke all on private.export_pairs from public, anon, authenticated, service_role;
alter table private.export_pairs enable row level security;

-- ---------------------------------------------------------------------------
-- What the researcher calls
-- ---------------------------------------------------------------------------

create function private.request_export(
  dataset_slug text, purpose text, commercial boolean, open_weights boolean,
  shape text, format text, filters jsonb
)
returns bigint
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  d public.datasets;
  accepted integer;
  f jsonb := coalesce(request_export.filters, '{}'::jsonb);
  unknown_key text;
  min_votes jsonb;
  min_agreement jsonb;
  bad boolean;
  export_id bigint;
begin
  if uid is null then
    raise exception 'sign in to export' using errcode = 'insufficient_privilege';
  end if;
  select x.* into d from public.datasets x where x.slug = request_export.dataset_slug;
  -- A draft is invisible to everyone but its stewards: the same answer as a missing slug.
  if d.id is null or (d.status = 'draft' and not exists (
    select 1 from public.dataset_stewards s where s.dataset_id = d.id and s.user_id = uid
  )) then
    raise exception 'no dataset "%"', request_export.dataset_slug using errcode = 'no_data_found';
  end if;
  if request_export.purpose is null or request_export.purpose not in ('train-ai', 'evaluate', 'publish') then
    raise exception 'purpose must be one of train-ai, evaluate, publish; got "%"', coalesce(request_export.purpose, '')
      using errcode = 'invalid_parameter_value';
  end if;
  if request_export.commercial is null then
    raise exception 'commercial: say whether the use is commercial' using errcode = 'invalid_parameter_value';
  end if;
  if request_export.open_weights is null then
    raise exception 'open_weights: say whether the weights of what you train will be released'
      using errcode = 'invalid_parameter_value';
  end if;
  if request_export.shape is null or request_export.shape not in ('preferences', 'preferences-standard', 'votes') then
    raise exception 'shape must be one of preferences, preferences-standard, votes; got "%"', coalesce(request_export.shape, '')
      using errcode = 'invalid_parameter_value';
  end if;
  if request_export.format is null or request_export.format not in ('parquet', 'jsonl') then
    raise exception 'format must be parquet or jsonl; got "%"', coalesce(request_export.format, '')
      using errcode = 'invalid_parameter_value';
  end if;
  if jsonb_typeof(f) <> 'object' then
    raise exception 'filters must be an object such as {"min_votes": 2, "min_agreement": 0.6}'
      using errcode = 'invalid_parameter_value';
  end if;
  select k into unknown_key from jsonb_object_keys(f) k where k not in ('min_votes', 'min_agreement') limit 1;
  if unknown_key is not null then
    raise exception 'filters: unknown filter "%"; the filters are min_votes and min_agreement', unknown_key
      using errcode = 'invalid_parameter_value';
  end if;
  min_votes := f -> 'min_votes';
  -- A case, not an or: only a number may be cast.
  bad := case when min_votes is null then false
              when jsonb_typeof(min_votes) <> 'number' then true
              else (min_votes #>> '{}')::numeric <> trunc((min_votes #>> '{}')::numeric)
                or (min_votes #>> '{}')::numeric not between 1 and 1000 end;
  if bad then
    raise exception 'filters.min_votes must be a whole number from 1 to 1000; got %', min_votes
      using errcode = 'invalid_parameter_value';
  end if;
  min_agreement := f -> 'min_agreement';
  bad := case when min_agreement is null then false
              when jsonb_typeof(min_agreement) <> 'number' then true
              else (min_agreement #>> '{}')::numeric not between 0 and 1 end;
  if bad then
    raise exception 'filters.min_agreement must be a number from 0 to 1; got %', min_agreement
      using errcode = 'invalid_parameter_value';
  end if;
  if min_agreement is not null and request_export.shape = 'votes' then
    raise exception 'filters.min_agreement applies to the preferences shapes only; the votes shape has one row per vote'
      using errcode = 'invalid_parameter_value';
  end if;

  select max(t.version) into accepted from public.terms_versions t
  where t.dataset_id = d.id and t.status = 'published';
  if accepted is null then
    raise exception 'dataset "%" has no published terms, so nothing in it may be exported', d.slug
      using errcode = 'no_data_found';
  end if;

  insert into public.exports
    (dataset_id, requested_by, purpose, conditions, filters, shape, format, accepted_terms_version)
  values (d.id, uid, request_export.purpose,
          jsonb_build_object('commercial', request_export.commercial, 'open_weights', request_export.open_weights),
          jsonb_build_object('min_votes', coalesce((min_votes #>> '{}')::integer, 1))
            || case when request_export.shape = 'votes' then '{}'::jsonb
               else jsonb_build_object('min_agreement', coalesce((min_agreement #>> '{}')::numeric, 0)) end,
          request_export.shape, request_export.format, accepted)
  returning id into export_id;
  return export_id;
end
$$;
revoke execute on function private.request_export(text, text, boolean, boolean, text, text, jsonb) from public, anon;
grant execute on function private.request_export(text, text, boolean, boolean, text, text, jsonb) to authenticated;

create function public.request_export(
  dataset_slug text, purpose text, commercial boolean, open_weights boolean,
  shape text, format text, filters jsonb default '{}'::jsonb
)
returns bigint
language sql volatile security invoker set search_path = ''
as $$
  select private.request_export(request_export.dataset_slug, request_export.purpose, request_export.commercial,
    request_export.open_weights, request_export.shape, request_export.format, request_export.filters)
$$;
revoke execute on function public.request_export(text, text, boolean, boolean, text, text, jsonb) from public, anon;
grant execute on function public.request_export(text, text, boolean, boolean, text, text, jsonb) to authenticated;

-- Every export of a dataset, newest first: its stewards see all of them, anyone else their own
-- (the exports policy decides).
create function public.list_exports(dataset_slug text)
returns table (
  id bigint, requested_by uuid, purpose text, conditions jsonb, filters jsonb, shape text,
  format text, status text, row_count bigint, accepted_terms_version integer,
  created_at timestamptz, finished_at timestamptz, manifest jsonb
)
language sql stable security invoker set search_path = ''
as $$
  select e.id, e.requested_by, e.purpose, e.conditions, e.filters, e.shape, e.format, e.status,
         e.row_count, e.accepted_terms_version, e.created_at, e.finished_at, e.manifest
  from public.exports e
  join public.datasets d on d.id = e.dataset_id
  where d.slug = list_exports.dataset_slug
  order by e.id desc
$$;
revoke execute on function public.list_exports(text) from public, anon;
grant execute on function public.list_exports(text) to authenticated;

-- ---------------------------------------------------------------------------
-- What the server calls, as service_role
-- ---------------------------------------------------------------------------

-- Freezes the votes the export may contain and describes the export: the dataset, the request,
-- and every terms version its votes were cast under.
create function private.snapshot_export(export_id bigint)
returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  e public.exports;
  d public.datasets;
  min_votes integer;
  n bigint;
  terms jsonb;
begin
  select x.* into e from public.exports x where x.id = snapshot_export.export_id for update;
  if e.id is null then
    raise exception 'no export %', snapshot_export.export_id using errcode = 'no_data_found';
  end if;
  if e.status <> 'requested' then
    raise exception 'export % is already %', e.id, e.status using errcode = 'invalid_parameter_value';
  end if;
  select x.* into d from public.datasets x where x.id = e.dataset_id;
  min_votes := coalesce((e.filters ->> 'min_votes')::integer, 1);

  insert into private.export_votes (export_id, pair_id, vote_id, winner, strength, terms_version)
  select e.id, x.pair_id, x.id, x.winner, x.strength, t.version
  from private.exportable_votes(e.dataset_id, e.purpose,
    (e.conditions ->> 'commercial')::boolean, (e.conditions ->> 'open_weights')::boolean) x
  join public.terms_versions t on t.id = x.terms_version_id;
  -- Afterwards rather than with a window over the filter's rows: that would sort a million
  -- rows for every export, though most ask for no minimum.
  if min_votes > 1 then
    delete from private.export_votes s
    using (
      select c.pair_id from private.export_votes c where c.export_id = e.id
      group by c.pair_id having count(*) < min_votes
    ) few
    where s.export_id = e.id and s.pair_id = few.pair_id;
  end if;
  select count(*) into n from private.export_votes s where s.export_id = e.id;
  -- Fresh statistics, so that the page queries walk the primary key instead of sorting it all.
  analyze private.export_votes;

  -- The aggregation rule (src/lib/server/export/aggregation.ts prints it): a vote for a
  -- response scores its strength (1 better, 2 much better) for that response; a tie or "both
  -- bad" scores nothing but counts among the votes. The response with the higher score is
  -- chosen; equal scores (a tie) leave the pair out, and so does "both bad" from more than half
  -- of the votes. agreement = votes for the chosen response / all votes. terms_version is the
  -- newest version among the pair's votes.
  if e.shape <> 'votes' then
    insert into private.export_pairs
      (export_id, pair_id, a_chosen, score_chosen, score_rejected, n_votes, agreement, terms_version)
    select e.id, x.pair_id, x.score_a > x.score_b, greatest(x.score_a, x.score_b), least(x.score_a, x.score_b),
           x.n, x.agreement, x.terms_version
    from (
      select y.*,
             (case when y.score_a > y.score_b then y.votes_a else y.votes_b end)::double precision / y.n as agreement
      from (
        select s.pair_id,
               count(*)::integer as n,
               count(*) filter (where s.winner = 'a')::integer as votes_a,
               count(*) filter (where s.winner = 'b')::integer as votes_b,
               count(*) filter (where s.winner = 'both_bad')::integer as both_bad,
               coalesce(sum(s.strength) filter (where s.winner = 'a'), 0)::integer as score_a,
               coalesce(sum(s.strength) filter (where s.winner = 'b'), 0)::integer as score_b,
               max(s.terms_version) as terms_version
        from private.export_votes s
        where s.export_id = e.id
        group by s.pair_id
      ) y
      where y.score_a <> y.score_b and y.both_bad * 2 <= y.n
    ) x
    where x.agreement >= coalesce((e.filters ->> 'min_agreement')::double precision, 0)
    order by x.pair_id;
    analyze private.export_pairs;
  end if;

  select coalesce(jsonb_agg(jsonb_build_object(
           'version', t.version, 'license', t.license, 'summary', t.summary,
           'allow_train_ai', t.allow_train_ai, 'allow_evaluate', t.allow_evaluate,
           'allow_publish', t.allow_publish, 'allow_commercial', t.allow_commercial,
           'open_weights_only', t.open_weights_only, 'attribution', t.attribution,
           'withdrawal_policy', t.withdrawal_policy, 'published_at', t.published_at
         ) order by t.version), '[]'::jsonb)
  into terms
  from public.terms_versions t
  where t.dataset_id = e.dataset_id and t.version in (
    select distinct s.terms_version from private.export_votes s where s.export_id = e.id
  );

  update public.exports x set status = 'running', started_at = now() where x.id = e.id;

  return jsonb_build_object(
    'export_id', e.id,
    'dataset', jsonb_build_object('id', d.id, 'slug', d.slug, 'title', d.title, 'status', d.status),
    'requested_by', e.requested_by,
    'requested_at', e.created_at,
    'purpose', e.purpose, 'conditions', e.conditions, 'filters', e.filters,
    'shape', e.shape, 'format', e.format,
    'accepted_terms_version', e.accepted_terms_version,
    'votes', n,
    'terms_versions', terms
  );
end
$$;
revoke execute on function private.snapshot_export(bigint) from public, anon, authenticated;
grant execute on function private.snapshot_export(bigint) to service_role;

create function private.running_export(export_id bigint)
returns public.exports
language plpgsql stable security definer set search_path = ''
as $$
declare
  e public.exports;
begin
  select x.* into e from public.exports x where x.id = running_export.export_id;
  if e.id is null or e.status <> 'running' then
    raise exception 'export % is not running', running_export.export_id using errcode = 'invalid_parameter_value';
  end if;
  return e;
end
$$;
revoke execute on function private.running_export(bigint) from public, anon, authenticated;
grant execute on function private.running_export(bigint) to service_role;

-- One row per frozen vote, arena style, ordered by pair and vote, after the keyset
-- (after_pair_id, after_vote_id). A pair's votes are consecutive, so its prompt and responses
-- are sent once per page: on the page's first row of each pair, null on the others (a million
-- votes would otherwise carry ten copies of every pair's text).
create function private.export_vote_rows(
  export_id bigint, after_pair_id bigint, after_vote_id bigint, page_size integer
)
returns table (
  vote_id bigint, pair_id bigint, prompt jsonb, response_a jsonb, response_b jsonb,
  model_a text, model_b text, winner text, strength smallint, shown_left text,
  annotator_pid text, rationale text, terms_version integer, created_at timestamptz
)
language plpgsql stable security definer set search_path = ''
as $$
declare
  e public.exports := private.running_export(export_vote_rows.export_id);
  pseudonym_key text := (select k.pseudonym_key from private.export_secrets k);
begin
  return query
  with page as (
    select s.pair_id, s.vote_id, s.winner, s.strength, s.terms_version,
           s.pair_id is distinct from lag(s.pair_id) over (order by s.pair_id, s.vote_id) as first_of_pair
    from private.export_votes s
    where s.export_id = e.id
      and (s.pair_id, s.vote_id) > (coalesce(export_vote_rows.after_pair_id, 0), coalesce(export_vote_rows.after_vote_id, 0))
    order by s.pair_id, s.vote_id
    limit least(greatest(export_vote_rows.page_size, 1), 100000)
  )
  select s.vote_id, s.pair_id, c.prompt, c.response_a, c.response_b, p.model_a, p.model_b,
         s.winner, s.strength, v.shown_left,
         -- A keyed hash, per dataset: exports of two datasets cannot be joined on it, and
         -- without the key nobody can test a guessed user id against it.
         'a_' || left(encode(sha256(convert_to(pseudonym_key || ':' || e.dataset_id || ':' || v.user_id, 'UTF8')), 'hex'), 20),
         v.rationale, s.terms_version, v.created_at
  from page s
  join public.votes v on v.id = s.vote_id
  join public.pairs p on p.id = s.pair_id
  left join lateral (
    select p.prompt, p.response_a, p.response_b where s.first_of_pair
  ) c on true
  order by s.pair_id, s.vote_id;
end
$$;
revoke execute on function private.export_vote_rows(bigint, bigint, bigint, integer) from public, anon, authenticated;
grant execute on function private.export_vote_rows(bigint, bigint, bigint, integer) to service_role;

-- One row per pair the frozen export kept (see snapshot_export for the rule), in pair id order
-- after `after_pair_id`.
create function private.export_preference_rows(export_id bigint, after_pair_id bigint, page_size integer)
returns table (
  pair_id bigint, prompt jsonb, chosen jsonb, rejected jsonb, chosen_model text, rejected_model text,
  score_chosen integer, score_rejected integer, margin integer, n_votes integer, agreement double precision,
  terms_version integer
)
language plpgsql stable security definer set search_path = ''
as $$
declare
  e public.exports := private.running_export(export_preference_rows.export_id);
begin
  return query
  with page as (
    select x.* from private.export_pairs x
    where x.export_id = e.id and x.pair_id > coalesce(export_preference_rows.after_pair_id, 0)
    order by x.pair_id
    limit least(greatest(export_preference_rows.page_size, 1), 100000)
  )
  select x.pair_id, p.prompt,
         case when x.a_chosen then p.response_a else p.response_b end,
         case when x.a_chosen then p.response_b else p.response_a end,
         case when x.a_chosen then p.model_a else p.model_b end,
         case when x.a_chosen then p.model_b else p.model_a end,
         x.score_chosen, x.score_rejected, x.score_chosen - x.score_rejected, x.n_votes, x.agreement,
         x.terms_version
  from page x
  join public.pairs p on p.id = x.pair_id
  order by x.pair_id;
end
$$;
revoke execute on function private.export_preference_rows(bigint, bigint, integer) from public, anon, authenticated;
grant execute on function private.export_preference_rows(bigint, bigint, integer) to service_role;

create function private.finish_export(export_id bigint, row_count bigint, manifest jsonb)
returns void
language plpgsql volatile security definer set search_path = ''
as $$
begin
  perform private.running_export(finish_export.export_id);
  if finish_export.row_count is null or finish_export.row_count < 0 then
    raise exception 'row_count must be a count' using errcode = 'invalid_parameter_value';
  end if;
  if finish_export.manifest is null or jsonb_typeof(finish_export.manifest) <> 'object' then
    raise exception 'manifest must be a JSON object' using errcode = 'invalid_parameter_value';
  end if;
  -- Who this export held, kept for their "My contributions" page (20261122060000_export_access.sql).
  perform private.record_export_contributions(finish_export.export_id);
  delete from private.export_votes s where s.export_id = finish_export.export_id;
  delete from private.export_pairs s where s.export_id = finish_export.export_id;
  update public.exports x
  set status = 'finished', finished_at = now(), row_count = finish_export.row_count,
      manifest = finish_export.manifest
  where x.id = finish_export.export_id;
end
$$;
revoke execute on function private.finish_export(bigint, bigint, jsonb) from public, anon, authenticated;
grant execute on function private.finish_export(bigint, bigint, jsonb) to service_role;

create function private.fail_export(export_id bigint, error text)
returns void
language sql volatile security definer set search_path = ''
as $$
  delete from private.export_votes s where s.export_id = fail_export.export_id;
  delete from private.export_pairs s where s.export_id = fail_export.export_id;
  update public.exports x
  set status = 'failed', finished_at = now(), error = left(coalesce(fail_export.error, 'failed'), 2000)
  where x.id = fail_export.export_id and x.status in ('requested', 'running');
$$;
revoke execute on function private.fail_export(bigint, text) from public, anon, authenticated;
grant execute on function private.fail_export(bigint, text) to service_role;
