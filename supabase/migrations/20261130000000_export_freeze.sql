-- Freezing an export, cheaper (BENCHMARKS.md, "Export").
--
-- Before: every export wrote each of its votes into private.export_votes, then aggregated that
-- table, then joined it again for the contributions; finishing deleted the rows, which PGlite
-- never vacuums. And the export filter, a plpgsql set function, wrote all its rows to a tuplestore
-- (on disk past work_mem) before anything read them. Now the filter's rule is a plain SQL function
-- that the planner inlines into the query reading it, and one statement aggregates the allowed
-- votes per pair and keeps only what the export needs later:
--   - a votes export freezes its votes (the pages walk them);
--   - a preferences export keeps its aggregated pairs, not its votes;
--   - both keep who is in the export (private.export_voters: the contributions and the named
--     credits) and return their agreement figures with the snapshot, for the dataset card.
-- Finishing or failing empties the tables when no other export is running.

-- Working state of a running export, dropped when it ends: nothing here has to survive a crash,
-- and unlogged tables skip the write-ahead log.
alter table private.export_votes set unlogged;
alter table private.export_pairs set unlogged;
-- Read from public.votes by the pages instead, so that the freeze writes less.
alter table private.export_votes drop column winner, drop column strength;

-- Who has votes in a running export, and how many: for a preferences export only in the pairs
-- that became rows.
create unlogged table private.export_voters (
  export_id bigint not null,
  user_id uuid not null,
  votes integer not null,
  primary key (export_id, user_id)
);
revoke all on private.export_voters from public, anon, authenticated, service_role;
alter table private.export_voters enable row level security;

-- The export filter's rule, as one SQL query the planner can inline (so not security definer and
-- without a search_path of its own: both stop inlining; every name in it is schema-qualified). It
-- runs with its caller's rights, so only the owner's functions can read votes through it:
-- private.exportable_votes, which checks its arguments, and private.snapshot_export.
create function private.exportable_votes_rule(
  dataset_id bigint, purpose text, commercial boolean, open_weights boolean
)
returns setof public.votes
language sql stable security invoker
as $$
  select v.* from public.votes v
  join public.consents c on c.id = v.consent_id
  join public.terms_versions t on t.id = v.terms_version_id
  where v.dataset_id = exportable_votes_rule.dataset_id
    and c.withdrawn_at is null
    and case exportable_votes_rule.purpose
          when 'train-ai' then t.allow_train_ai
          when 'evaluate' then t.allow_evaluate
          else t.allow_publish
        end
    and (not exportable_votes_rule.commercial or t.allow_commercial)
    and (exportable_votes_rule.open_weights or not t.open_weights_only)
$$;
revoke execute on function private.exportable_votes_rule(bigint, text, boolean, boolean) from public, anon, authenticated, service_role;

create or replace function private.exportable_votes(
  dataset_id bigint, purpose text, commercial boolean, open_weights boolean
)
returns setof public.votes
language plpgsql stable security definer set search_path = ''
as $$
begin
  if exportable_votes.purpose is null or exportable_votes.purpose not in ('train-ai', 'evaluate', 'publish') then
    raise exception 'purpose must be one of train-ai, evaluate, publish; got %', coalesce(exportable_votes.purpose, 'nothing')
      using errcode = 'invalid_parameter_value';
  end if;
  if exportable_votes.commercial is null or exportable_votes.open_weights is null then
    raise exception 'say whether the use is commercial and whether the weights will be released'
      using errcode = 'invalid_parameter_value';
  end if;
  return query select * from private.exportable_votes_rule(exportable_votes.dataset_id, exportable_votes.purpose,
    exportable_votes.commercial, exportable_votes.open_weights);
end
$$;

create or replace function private.snapshot_export(export_id bigint)
returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  e public.exports;
  d public.datasets;
  min_votes integer;
  min_agreement double precision;
  figures jsonb;
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
  min_agreement := coalesce((e.filters ->> 'min_agreement')::double precision, 0);

  -- The aggregation rule (src/lib/server/export/aggregation.ts prints it): a vote for a
  -- response scores its strength (1 better, 2 much better) for that response; a tie or "both
  -- bad" scores nothing but counts among the votes. The response with the higher score is
  -- chosen; equal scores (a tie) leave the pair out, and so does "both bad" from more than half
  -- of the votes. agreement = votes for the chosen response / all votes. terms_version is the
  -- newest version among the pair's votes.
  -- Each reading of `allowed` is a scan of the votes through the inlined rule; in one statement
  -- they all see the same votes. Two scans cost less than one materialised copy read twice.
  with allowed as not materialized (
    select a.id as vote_id, a.pair_id, a.user_id, a.terms_version_id,
           -- The vote on agreement.ts's five-point scale: -2 "b much better" … 2 "a much better",
           -- a tie and "both bad" 0. Counted as integers, which costs less than comparing text.
           case a.winner when 'a' then a.strength when 'b' then -a.strength else 0 end as value,
           a.winner = 'both_bad' as both_bad,
           a.winner = a.shown_left as left_won
    from private.exportable_votes_rule(e.dataset_id, e.purpose,
      (e.conditions ->> 'commercial')::boolean, (e.conditions ->> 'open_weights')::boolean) a
  ),
  counts as (
    select a.pair_id,
           count(*)::integer as n,
           count(*) filter (where a.value = -2)::integer as b2,
           count(*) filter (where a.value = -1)::integer as b1,
           count(*) filter (where a.value = 1)::integer as a1,
           count(*) filter (where a.value = 2)::integer as a2,
           count(*) filter (where a.both_bad)::integer as both_bad,
           count(*) filter (where a.left_won)::integer as left_wins,
           max(t.version) as terms_version
    from allowed a
    join public.terms_versions t on t.id = a.terms_version_id
    group by a.pair_id
    having count(*) >= min_votes
  ),
  per_pair as (
    select c.*, c.n - c.b2 - c.b1 - c.a1 - c.a2 as even,
           c.a1 + c.a2 as votes_a, c.b1 + c.b2 as votes_b,
           c.a1 + 2 * c.a2 as score_a, c.b1 + 2 * c.b2 as score_b
    from counts c
  ),
  -- min_votes is rarely asked for: without it every allowed vote is kept, with no join.
  kept as not materialized (
    select a.* from allowed a where min_votes = 1 or a.pair_id in (select p.pair_id from per_pair p)
  ),
  decided as (
    select p.*, (case when p.score_a > p.score_b then p.votes_a else p.votes_b end)::double precision / p.n as agreement
    from per_pair p
    where e.shape <> 'votes' and p.score_a <> p.score_b and p.both_bad * 2 <= p.n
  ),
  preference_rows as (
    insert into private.export_pairs
      (export_id, pair_id, a_chosen, score_chosen, score_rejected, n_votes, agreement, terms_version)
    select e.id, x.pair_id, x.score_a > x.score_b, greatest(x.score_a, x.score_b), least(x.score_a, x.score_b),
           x.n, x.agreement, x.terms_version
    from decided x
    where x.agreement >= min_agreement
    returning pair_id
  ),
  frozen as (
    insert into private.export_votes (export_id, pair_id, vote_id, terms_version)
    select e.id, k.pair_id, k.vote_id, t.version
    from kept k join public.terms_versions t on t.id = k.terms_version_id
    where e.shape = 'votes'
  ),
  -- Who is in the export, and under which terms: for a preferences export only the votes of the
  -- pairs that became rows.
  included as (
    select k.user_id, k.terms_version_id, count(*) as votes
    from kept k
    where e.shape = 'votes' or k.pair_id in (select r.pair_id from preference_rows r)
    group by k.user_id, k.terms_version_id
  ),
  voters as (
    insert into private.export_voters (export_id, user_id, votes)
    select e.id, i.user_id, sum(i.votes) from included i group by i.user_id
  )
  select jsonb_build_object(
           'votes', coalesce(sum(p.n), 0),
           'versions', (select coalesce(jsonb_agg(distinct t.version), '[]'::jsonb)
                        from included i join public.terms_versions t on t.id = i.terms_version_id),
           'statistics', jsonb_build_object(
             'decisive', coalesce(sum(p.votes_a + p.votes_b), 0),
             'left_wins', coalesce(sum(p.left_wins), 0),
             -- Pairs grouped by how their votes fall on the scale: [b2, b1, even, a1, a2, pairs].
             'units', (select coalesce(jsonb_agg(jsonb_build_array(u.b2, u.b1, u.even, u.a1, u.a2, u.pairs)), '[]'::jsonb)
                       from (select q.b2, q.b1, q.even, q.a1, q.a2, count(*) as pairs
                             from per_pair q group by q.b2, q.b1, q.even, q.a1, q.a2) u)))
  into figures
  from per_pair p;
  -- Fresh statistics, so that the page queries walk the primary key instead of sorting it all.
  if e.shape = 'votes' then
    analyze private.export_votes;
  else
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
  where t.dataset_id = e.dataset_id
    and t.version in (select jsonb_array_elements_text(figures -> 'versions')::integer);

  update public.exports x set status = 'running', started_at = now() where x.id = e.id;

  return jsonb_build_object(
    'export_id', e.id,
    'dataset', jsonb_build_object('id', d.id, 'slug', d.slug, 'title', d.title, 'status', d.status),
    'requested_by', e.requested_by,
    'requested_at', e.created_at,
    'purpose', e.purpose, 'conditions', e.conditions, 'filters', e.filters,
    'shape', e.shape, 'format', e.format,
    'accepted_terms_version', e.accepted_terms_version,
    'votes', figures -> 'votes',
    'statistics', figures -> 'statistics',
    'terms_versions', terms
  );
end
$$;

-- The pages, each built as one JSON value inside the function that reads it. A set-returning
-- plpgsql function writes all its rows to a tuplestore first (on disk past work_mem: a page of
-- preference rows is ~20 MB of text), which cost about a fifth of a page's time. The columns and
-- the keyset are those of the functions they replace (20261122045000_exports.sql), with winner and
-- strength now read from the vote itself.
drop function public.export_vote_page(bigint, bigint, bigint, integer);
drop function public.export_preference_page(bigint, bigint, integer);
drop function private.export_vote_rows(bigint, bigint, bigint, integer);
drop function private.export_preference_rows(bigint, bigint, integer);

-- One page of the frozen votes, arena style, ordered by pair and vote, after the keyset
-- (after_pair_id, after_vote_id). A pair's votes are consecutive, so its prompt and responses are
-- sent once per page: on the page's first row of each pair, null on the others (a million votes
-- would otherwise carry ten copies of every pair's text).
create function private.export_vote_page(
  export_id bigint, after_pair_id bigint, after_vote_id bigint, page_size integer
)
returns json
language plpgsql stable security definer set search_path = ''
as $$
declare
  e public.exports := private.running_export(export_vote_page.export_id);
  pseudonym_key text := (select k.pseudonym_key from private.export_secrets k);
begin
  return (
    with page as (
      select s.pair_id, s.vote_id, s.terms_version,
             s.pair_id is distinct from lag(s.pair_id) over (order by s.pair_id, s.vote_id) as first_of_pair
      from private.export_votes s
      where s.export_id = e.id
        and (s.pair_id, s.vote_id) > (coalesce(export_vote_page.after_pair_id, 0), coalesce(export_vote_page.after_vote_id, 0))
      order by s.pair_id, s.vote_id
      limit least(greatest(export_vote_page.page_size, 1), 100000)
    )
    select coalesce(json_agg(r order by r.pair_id, r.vote_id), '[]'::json)
    from (
      select s.vote_id, s.pair_id, c.prompt, c.response_a, c.response_b, p.model_a, p.model_b,
             v.winner, v.strength, v.shown_left,
             -- A keyed hash, per dataset: exports of two datasets cannot be joined on it, and
             -- without the key nobody can test a guessed user id against it.
             'a_' || left(encode(sha256(convert_to(pseudonym_key || ':' || e.dataset_id || ':' || v.user_id, 'UTF8')), 'hex'), 20)
               as annotator_pid,
             v.rationale, s.terms_version, v.created_at
      from page s
      join public.votes v on v.id = s.vote_id
      join public.pairs p on p.id = s.pair_id
      left join lateral (
        select p.prompt, p.response_a, p.response_b where s.first_of_pair
      ) c on true
    ) r
  );
end
$$;
revoke execute on function private.export_vote_page(bigint, bigint, bigint, integer) from public, anon, authenticated;
grant execute on function private.export_vote_page(bigint, bigint, bigint, integer) to service_role;

-- One page of the pairs the frozen export kept (see snapshot_export for the rule), in pair id
-- order after `after_pair_id`.
create function private.export_preference_page(export_id bigint, after_pair_id bigint, page_size integer)
returns json
language plpgsql stable security definer set search_path = ''
as $$
declare
  e public.exports := private.running_export(export_preference_page.export_id);
begin
  return (
    with page as (
      select x.* from private.export_pairs x
      where x.export_id = e.id and x.pair_id > coalesce(export_preference_page.after_pair_id, 0)
      order by x.pair_id
      limit least(greatest(export_preference_page.page_size, 1), 100000)
    )
    select coalesce(json_agg(r order by r.pair_id), '[]'::json)
    from (
      select x.pair_id, p.prompt,
             case when x.a_chosen then p.response_a else p.response_b end as chosen,
             case when x.a_chosen then p.response_b else p.response_a end as rejected,
             case when x.a_chosen then p.model_a else p.model_b end as chosen_model,
             case when x.a_chosen then p.model_b else p.model_a end as rejected_model,
             x.score_chosen, x.score_rejected, x.score_chosen - x.score_rejected as margin, x.n_votes, x.agreement,
             x.terms_version
      from page x
      join public.pairs p on p.id = x.pair_id
    ) r
  );
end
$$;
revoke execute on function private.export_preference_page(bigint, bigint, integer) from public, anon, authenticated;
grant execute on function private.export_preference_page(bigint, bigint, integer) to service_role;

-- The data API's wrappers (20261122060000_export_access.sql), for service_role only.
create function public.export_vote_page(export_id bigint, after_pair_id bigint, after_vote_id bigint, page_size integer)
returns json
language sql stable security invoker set search_path = ''
as $$
  select private.export_vote_page(export_vote_page.export_id, export_vote_page.after_pair_id,
                                  export_vote_page.after_vote_id, export_vote_page.page_size)
$$;
create function public.export_preference_page(export_id bigint, after_pair_id bigint, page_size integer)
returns json
language sql stable security invoker set search_path = ''
as $$
  select private.export_preference_page(export_preference_page.export_id, export_preference_page.after_pair_id,
                                        export_preference_page.page_size)
$$;
revoke execute on function public.export_vote_page(bigint, bigint, bigint, integer),
  public.export_preference_page(bigint, bigint, integer) from public, anon, authenticated;
grant execute on function public.export_vote_page(bigint, bigint, bigint, integer),
  public.export_preference_page(bigint, bigint, integer) to service_role;

-- The names to credit in a running export's dataset card: contributors in it whose consent, now,
-- asks to be credited by name. A person who since chose to stay pseudonymous, or withdrew, is not
-- named.
create or replace function private.export_credits(export_id bigint)
returns text[]
language sql stable security definer set search_path = ''
as $$
  select coalesce(array_agg(distinct c.credit_name order by c.credit_name), '{}')
  from private.export_voters s
  join public.exports e on e.id = s.export_id
  join public.consents c on c.user_id = s.user_id and c.dataset_id = e.dataset_id
  where s.export_id = export_credits.export_id
    and c.withdrawn_at is null and c.superseded_at is null
    and c.credit = 'named'
$$;

create or replace function private.record_export_contributions(export_id bigint)
returns void
language sql volatile security definer set search_path = ''
as $$
  insert into public.export_contributions (export_id, dataset_id, user_id, votes)
  select s.export_id, e.dataset_id, s.user_id, s.votes
  from private.export_voters s
  join public.exports e on e.id = s.export_id
  where s.export_id = record_export_contributions.export_id
$$;

-- Drops what an export froze. Deleted rows keep their space until a vacuum, and PGlite runs none
-- (it has no autovacuum): a million-vote export would leave that much behind for good. So when no
-- other export is running the tables are emptied, which gives the space back at once. The caller
-- holds private.lock_frozen's lock, so no other export freezes meanwhile.
create function private.drop_frozen(export_id bigint)
returns void
language plpgsql volatile security definer set search_path = ''
as $$
begin
  if exists (select 1 from public.exports x where x.status = 'running' and x.id <> drop_frozen.export_id) then
    delete from private.export_votes s where s.export_id = drop_frozen.export_id;
    delete from private.export_pairs s where s.export_id = drop_frozen.export_id;
    delete from private.export_voters s where s.export_id = drop_frozen.export_id;
  else
    truncate private.export_votes, private.export_pairs, private.export_voters;
  end if;
end
$$;
revoke execute on function private.drop_frozen(bigint) from public, anon, authenticated, service_role;

-- TRUNCATE needs the strongest lock. Taken before the frozen tables are read at all: two exports
-- finishing at once would otherwise each hold a read lock and wait for the other's (a deadlock).
create function private.lock_frozen()
returns void
language sql volatile security definer set search_path = ''
as $$
  lock table private.export_votes, private.export_pairs, private.export_voters in access exclusive mode
$$;
revoke execute on function private.lock_frozen() from public, anon, authenticated, service_role;

create or replace function private.finish_export(export_id bigint, row_count bigint, manifest jsonb)
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
  perform private.lock_frozen();
  -- Who this export held, kept for their "My contributions" page (20261122060000_export_access.sql).
  perform private.record_export_contributions(finish_export.export_id);
  update public.exports x
  set status = 'finished', finished_at = now(), row_count = finish_export.row_count,
      manifest = finish_export.manifest
  where x.id = finish_export.export_id;
  perform private.drop_frozen(finish_export.export_id);
end
$$;

create or replace function private.fail_export(export_id bigint, error text)
returns void
language plpgsql volatile security definer set search_path = ''
as $$
begin
  perform private.lock_frozen();
  update public.exports x
  set status = 'failed', finished_at = now(), error = left(coalesce(fail_export.error, 'failed'), 2000)
  where x.id = fail_export.export_id and x.status in ('requested', 'running');
  perform private.drop_frozen(fail_export.export_id);
end
$$;
