-- Ranking: pairs are handed out as leases (assignments) so that they fill evenly toward the
-- dataset's overlap target; a vote answers one assignment, which makes submitting idempotent.
-- Counters on pairs are kept by triggers, so picking the next pair is one index scan.

create table public.assignments (
  id bigint generated always as identity primary key,
  dataset_id bigint not null,
  pair_id bigint not null,
  user_id uuid not null references public.profiles (id) on delete cascade,
  -- Random per assignment and recorded with the vote, so position bias can be measured.
  shown_left text not null check (shown_left in ('a', 'b')),
  state text not null default 'leased' check (state in ('leased', 'voted', 'skipped', 'expired')),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  foreign key (pair_id, dataset_id) references public.pairs (id, dataset_id) on delete cascade,
  -- One row per volunteer and pair: a pair is never shown to the same person as a new task twice.
  unique (pair_id, user_id)
);
create index assignments_user_dataset_idx on public.assignments (user_id, dataset_id, state);
create index assignments_leased_expiry_idx on public.assignments (dataset_id, expires_at)
  where state = 'leased';

alter table public.pairs
  add column vote_count integer not null default 0,
  add column lease_count integer not null default 0;
-- Matches the ORDER BY of private.next_pair: fewest votes plus live leases first.
create index pairs_fill_order_idx on public.pairs (dataset_id, (vote_count + lease_count), id);

alter table public.votes
  add column assignment_id bigint unique references public.assignments (id) on delete set null;

-- ---------------------------------------------------------------------------
-- Counters and state, kept by triggers whoever makes the change
-- ---------------------------------------------------------------------------

create function private.count_leases() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  delta integer := (case when tg_op <> 'DELETE' and new.state = 'leased' then 1 else 0 end)
                 - (case when tg_op <> 'INSERT' and old.state = 'leased' then 1 else 0 end);
begin
  if delta <> 0 then
    update public.pairs set lease_count = lease_count + delta
    where id = coalesce(new.pair_id, old.pair_id);
  end if;
  return null;
end
$$;
revoke execute on function private.count_leases() from public, anon;

-- A lease ending in a vote is counted by private.count_votes in the same write as the vote,
-- so the pair row is written once per vote, not twice.
create trigger assignments_count_leases_insert
after insert on public.assignments
for each row when (new.state = 'leased') execute function private.count_leases();
create trigger assignments_count_leases_update
after update of state on public.assignments
for each row when (old.state is distinct from new.state
                   and (old.state = 'leased' or new.state = 'leased')
                   and not (old.state = 'leased' and new.state = 'voted'))
execute function private.count_leases();
create trigger assignments_count_leases_delete
after delete on public.assignments
for each row when (old.state = 'leased') execute function private.count_leases();

-- A vote takes its position from its assignment (never from the client) and must answer an
-- assignment of its own author, for the same pair.
create function private.vote_from_assignment() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  a public.assignments;
begin
  select * into a from public.assignments where id = new.assignment_id;
  if a.id is null or a.user_id <> new.user_id or a.pair_id <> new.pair_id
     or a.dataset_id <> new.dataset_id or a.state = 'skipped' then
    raise exception 'this vote does not answer an assignment of yours for this pair'
      using errcode = 'insufficient_privilege';
  end if;
  new.shown_left := a.shown_left;
  return new;
end
$$;
revoke execute on function private.vote_from_assignment() from public, anon;

create trigger votes_from_assignment
before insert on public.votes
for each row when (new.assignment_id is not null)
execute function private.vote_from_assignment();

create function private.count_votes() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    update public.pairs p
    set vote_count = p.vote_count + 1,
        lease_count = p.lease_count - (a.state = 'leased')::integer
    from public.assignments a
    where p.id = new.pair_id and a.id = new.assignment_id;
    update public.assignments set state = 'voted' where id = new.assignment_id;
  else
    update public.pairs set vote_count = vote_count - 1 where id = old.pair_id;
    -- An undone vote gives its pair back to its author, under a fresh lease.
    update public.assignments
    set state = 'leased', expires_at = now() + private.lease_duration()
    where id = old.assignment_id;
  end if;
  return null;
end
$$;
revoke execute on function private.count_votes() from public, anon;

create function private.lease_duration() returns interval
language sql immutable set search_path = ''
as $$ select interval '15 minutes' $$;
grant execute on function private.lease_duration() to authenticated;

create trigger votes_count
after insert or delete on public.votes
for each row execute function private.count_votes();

-- ---------------------------------------------------------------------------
-- Privileges and policies
-- ---------------------------------------------------------------------------

revoke all on public.assignments from anon, authenticated;
grant select on public.assignments to authenticated;
grant update (state) on public.assignments to authenticated;
grant insert (assignment_id), delete on public.votes to authenticated;

alter table public.assignments enable row level security;

create policy "people read their own assignments" on public.assignments
  for select to authenticated using (user_id = (select auth.uid()));
-- The only change a volunteer makes to an assignment directly is skipping it.
create policy "people skip their own live assignments" on public.assignments
  for update to authenticated
  using (user_id = (select auth.uid()) and state = 'leased')
  with check (user_id = (select auth.uid()) and state = 'skipped');

-- Votes now always answer an assignment, so the fair order of pairs cannot be bypassed.
-- Restrictive: it holds on top of the consent rule in the core schema's insert policy.
create policy "votes answer an assignment" on public.votes
  as restrictive for insert to authenticated
  with check (assignment_id is not null);

create policy "people undo their own vote within two minutes" on public.votes
  for delete to authenticated
  using (user_id = (select auth.uid()) and created_at > now() - interval '2 minutes');

-- ---------------------------------------------------------------------------
-- Functions the ranking page calls
-- ---------------------------------------------------------------------------

-- Hands the caller their next pair in a dataset: their live lease if they have one, otherwise
-- the pair with the fewest votes plus live leases that they have not answered or skipped,
-- below the overlap target. Row locks with SKIP LOCKED keep two callers off the same last slot.
create function private.next_pair(dataset_slug text)
returns table (assignment_id bigint, pair_id bigint, shown_left text, expires_at timestamptz)
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  ds public.datasets;
  chosen bigint;
  a public.assignments;
begin
  select * into ds from public.datasets d where d.slug = next_pair.dataset_slug and d.status = 'open';
  if ds.id is null or uid is null then
    return;
  end if;
  case private.consent_state(ds.id, uid)
    when 'none' then
      raise exception 'consent to the terms of "%" before ranking', ds.slug
        using errcode = 'insufficient_privilege';
    when 'outdated' then
      raise exception 'the terms of "%" changed; read and accept them again before ranking', ds.slug
        using errcode = 'insufficient_privilege';
    else
  end case;

  update public.assignments x set state = 'expired'
  where x.dataset_id = ds.id and x.state = 'leased' and x.expires_at <= now();

  select * into a from public.assignments x
  where x.user_id = uid and x.dataset_id = ds.id and x.state = 'leased'
  order by x.id limit 1;

  if a.id is null then
    select p.id into chosen from public.pairs p
    where p.dataset_id = ds.id
      and p.vote_count + p.lease_count < ds.overlap_target
      and not exists (
        select 1 from public.assignments x
        where x.pair_id = p.id and x.user_id = uid and x.state <> 'expired'
      )
    order by p.vote_count + p.lease_count, p.id
    limit 1
    for update of p skip locked;
    if chosen is null then
      return;
    end if;
    insert into public.assignments as x (dataset_id, pair_id, user_id, shown_left, expires_at)
    values (ds.id, chosen, uid, case when random() < 0.5 then 'a' else 'b' end,
            now() + private.lease_duration())
    on conflict on constraint assignments_pair_id_user_id_key do update
      set state = 'leased', expires_at = excluded.expires_at, shown_left = excluded.shown_left,
          created_at = now()
      where x.state = 'expired'
    returning * into a;
    if a.id is null then
      return;
    end if;
  end if;

  return query select a.id, a.pair_id, a.shown_left, a.expires_at;
end
$$;
revoke execute on function private.next_pair(text) from public, anon;
grant execute on function private.next_pair(text) to authenticated;

create function public.next_pair(dataset_slug text)
returns table (
  assignment_id bigint, pair_id bigint, expires_at timestamptz,
  prompt jsonb, left_response jsonb, right_response jsonb
)
language sql volatile security invoker set search_path = ''
as $$
  select n.assignment_id, n.pair_id, n.expires_at, p.prompt,
         case n.shown_left when 'a' then p.response_a else p.response_b end,
         case n.shown_left when 'a' then p.response_b else p.response_a end
  from private.next_pair(next_pair.dataset_slug) n
  join public.pairs p on p.id = n.pair_id
$$;
revoke execute on function public.next_pair(text) from public, anon;
grant execute on function public.next_pair(text) to authenticated;

-- Records the caller's answer to one assignment. `choice` is what they saw: left or right,
-- better or much better, a tie, or both bad. Submitting the same assignment again returns the
-- vote already recorded, so a double click or a retried request never counts twice.
create function public.submit_vote(assignment_id bigint, choice text, rationale text default null)
returns table (vote_id bigint, pair_id bigint, winner text, strength smallint, created_at timestamptz)
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  a public.assignments;
  w text;
  s smallint;
begin
  select * into a from public.assignments x
  where x.id = submit_vote.assignment_id and x.user_id = (select auth.uid());
  if a.id is null then
    raise exception 'no assignment % of yours', submit_vote.assignment_id
      using errcode = 'insufficient_privilege';
  end if;
  case submit_vote.choice
    when 'left-much-better' then w := a.shown_left; s := 2;
    when 'left-better' then w := a.shown_left; s := 1;
    when 'right-better' then w := case a.shown_left when 'a' then 'b' else 'a' end; s := 1;
    when 'right-much-better' then w := case a.shown_left when 'a' then 'b' else 'a' end; s := 2;
    when 'tie' then w := 'tie';
    when 'both-bad' then w := 'both_bad';
    else
      raise exception 'choice must be one of left-much-better, left-better, tie, right-better, right-much-better, both-bad; got "%"', submit_vote.choice
        using errcode = 'invalid_parameter_value';
  end case;

  -- A concurrent submit of the same assignment (a double click) waits here and then finds the
  -- first one's vote instead of failing.
  -- The consent and terms version are attached by the votes_under_current_consent trigger.
  insert into public.votes as v
    (dataset_id, pair_id, user_id, winner, strength, shown_left, rationale, assignment_id)
  values (a.dataset_id, a.pair_id, a.user_id, w, s, a.shown_left,
          nullif(btrim(submit_vote.rationale), ''), a.id)
  on conflict on constraint votes_assignment_id_key do nothing;
  return query select v.id, v.pair_id, v.winner, v.strength, v.created_at
    from public.votes v where v.assignment_id = a.id;
end
$$;
revoke execute on function public.submit_vote(bigint, text, text) from public, anon;
grant execute on function public.submit_vote(bigint, text, text) to authenticated;

-- What the ranking page calls on submit: the vote and the next pair in one transaction, so a
-- volunteer waits for one round trip, and the database switches role once, not twice.
create function public.vote_and_next(
  dataset_slug text, assignment_id bigint, choice text, rationale text default null
)
returns table (
  assignment_id bigint, pair_id bigint, expires_at timestamptz,
  prompt jsonb, left_response jsonb, right_response jsonb
)
language sql volatile security invoker set search_path = ''
as $$
  select from public.submit_vote(vote_and_next.assignment_id, vote_and_next.choice, vote_and_next.rationale);
  select * from public.next_pair(vote_and_next.dataset_slug);
$$;
revoke execute on function public.vote_and_next(text, bigint, text, text) from public, anon;
grant execute on function public.vote_and_next(text, bigint, text, text) to authenticated;

create function public.skip_pair(assignment_id bigint)
returns boolean
language sql volatile security invoker set search_path = ''
as $$
  with skipped as (
    update public.assignments x set state = 'skipped'
    where x.id = skip_pair.assignment_id and x.user_id = (select auth.uid()) and x.state = 'leased'
    returning 1
  )
  select exists (select 1 from skipped)
$$;
revoke execute on function public.skip_pair(bigint) from public, anon;
grant execute on function public.skip_pair(bigint) to authenticated;

-- Takes back the caller's most recent vote in a dataset, if it is less than two minutes old;
-- its pair becomes their live assignment again. Returns the pair id, or null.
create function public.undo_last_vote(dataset_slug text)
returns bigint
language sql volatile security invoker set search_path = ''
as $$
  with last_vote as (
    select v.id from public.votes v
    join public.datasets d on d.id = v.dataset_id
    where d.slug = undo_last_vote.dataset_slug and v.user_id = (select auth.uid())
    order by v.created_at desc, v.id desc
    limit 1
  ),
  undone as (
    delete from public.votes v using last_vote l where v.id = l.id returning v.pair_id
  )
  select pair_id from undone
$$;
revoke execute on function public.undo_last_vote(text) from public, anon;
grant execute on function public.undo_last_vote(text) to authenticated;

-- What the ranking page shows beside the pair: the caller's own counts and the dataset's fill.
create function public.ranking_progress(dataset_slug text)
returns table (
  consent text, accepted_version integer, latest_version integer,
  my_votes_today bigint, my_votes_total bigint,
  votes_total bigint, votes_goal bigint, pairs_complete bigint, pair_count bigint
)
language sql stable security invoker set search_path = ''
as $$
  select
    private.consent_state(d.id, (select auth.uid())),
    (select t.version from public.consents c join public.terms_versions t on t.id = c.terms_version_id
      where c.dataset_id = d.id and c.user_id = (select auth.uid())
        and c.withdrawn_at is null and c.superseded_at is null),
    (select max(t.version) from public.terms_versions t where t.dataset_id = d.id and t.status = 'published'),
    (select count(*) from public.votes v
      where v.dataset_id = d.id and v.user_id = (select auth.uid()) and v.created_at >= date_trunc('day', now())),
    (select count(*) from public.votes v where v.dataset_id = d.id and v.user_id = (select auth.uid())),
    coalesce(s.votes, 0), d.pair_count * d.overlap_target, coalesce(s.complete, 0), d.pair_count
  from public.datasets d
  left join lateral (
    select sum(least(p.vote_count, d.overlap_target)) as votes,
           count(*) filter (where p.vote_count >= d.overlap_target) as complete
    from public.pairs p where p.dataset_id = d.id
  ) s on true
  where d.slug = ranking_progress.dataset_slug
$$;
revoke execute on function public.ranking_progress(text) from public, anon;
grant execute on function public.ranking_progress(text) to authenticated;
