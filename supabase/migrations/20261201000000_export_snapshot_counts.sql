-- Two costs of an export measured at 1M votes over 100k pairs (BENCHMARKS.md, "Export").
--
-- The snapshot's per-pair counts filtered on each vote's value, and the planner had flattened
-- the subquery that works it out into every one of the four counts that use it: 1.19 s for the
-- aggregation alone, 1.00 s with the value worked out once.
--
-- Recording who an export held checked three foreign keys for every contributor: 290 ms for
-- 10,000 contributors, 110 ms with none. dataset_id is there only so that a contributor, who may
-- not read the export's row, can be shown its dataset; one key on (export_id, dataset_id) now
-- checks both that the export exists and that dataset_id is its dataset, which the separate key
-- on datasets never did (finish_export: 180-190 ms instead of 260-290 ms). Deleting a dataset
-- still deletes its exports and, through them, these rows.

alter table public.exports add constraint exports_id_dataset_id_key unique (id, dataset_id);
alter table public.export_contributions
  drop constraint export_contributions_export_id_fkey,
  drop constraint export_contributions_dataset_id_fkey,
  add constraint export_contributions_export_fkey foreign key (export_id, dataset_id)
    references public.exports (id, dataset_id) on delete cascade;

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
           a.winner, a.strength, a.shown_left, a.rationale, a.created_at,
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
    -- OFFSET 0 keeps this a subquery of its own: each vote's value is worked out once, where a
    -- flattened subquery repeats the CASE inside every count that filters on it (0.2 s a million).
    from (select * from allowed offset 0) a
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
    insert into private.export_votes
      (export_id, pair_id, vote_id, terms_version, user_id, winner, strength, shown_left, rationale, created_at)
    select e.id, k.pair_id, k.vote_id, t.version, k.user_id, k.winner, k.strength, k.shown_left, k.rationale, k.created_at
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

-- The per-pair counts of 100k pairs need about 24 MB of hash table; at the default 4 MB
-- (hash_mem_multiplier 2) the aggregate spilled 31 MB to disk in nine batches. With 16 MB it
-- stays in memory: the snapshot took 1.79-1.89 s instead of 1.95-1.97 s, and the embedded
-- database's heap did not grow (134 MB either way, peak RSS 454-459 MB).
alter function private.snapshot_export(bigint) set work_mem = '16MB';
