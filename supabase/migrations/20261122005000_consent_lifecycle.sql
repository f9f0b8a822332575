-- The consent lifecycle, as DESIGN.md's consent model states it:
-- - every vote belongs to the consent its author had when casting it, and records that
--   consent's terms version (set here by the database, never by the client);
-- - after a material change, a volunteer must consent again before voting; the old consent is
--   superseded, not withdrawn, so the votes cast under it stay under their version;
-- - withdrawal withdraws every consent of that person to the dataset at once, so all their
--   votes leave every later export; consenting again later does not bring them back unless
--   the person restores them;
-- - every publish, consent, re-consent, withdrawal and restore is written to an append-only log;
-- - one function decides which votes an export may contain.

-- ---------------------------------------------------------------------------
-- Whether a person's consent lets them vote now
-- ---------------------------------------------------------------------------

-- 'none' (never consented, or withdrawn), 'outdated' (a later published version is a material
-- change from the one they accepted) or 'current'.
create function private.consent_state(dataset_id bigint, user_id uuid)
returns text
language sql stable security definer set search_path = ''
as $$
  select case
    when c.id is null then 'none'
    when exists (
      select 1 from public.terms_versions t
      where t.dataset_id = consent_state.dataset_id and t.status = 'published' and t.material
        and t.version > accepted.version
    ) then 'outdated'
    else 'current'
  end
  from (select 1) one
  left join public.consents c
    on c.dataset_id = consent_state.dataset_id and c.user_id = consent_state.user_id
   and c.withdrawn_at is null and c.superseded_at is null
  left join public.terms_versions accepted on accepted.id = c.terms_version_id
$$;
revoke execute on function private.consent_state(bigint, uuid) from public, anon;
grant execute on function private.consent_state(bigint, uuid) to authenticated;

-- A vote's consent and terms version are the author's current ones, decided here. One query
-- rather than consent_state() and a second read: this runs on every vote.
create function private.vote_under_current_consent() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  consent_id bigint;
  terms_version_id bigint;
  outdated boolean;
begin
  select c.id, c.terms_version_id, exists (
           select 1 from public.terms_versions t
           where t.dataset_id = new.dataset_id and t.status = 'published' and t.material
             and t.version > accepted.version
         )
  into consent_id, terms_version_id, outdated
  from public.consents c
  join public.terms_versions accepted on accepted.id = c.terms_version_id
  where c.dataset_id = new.dataset_id and c.user_id = new.user_id
    and c.withdrawn_at is null and c.superseded_at is null;
  if consent_id is null then
    raise exception 'consent to this dataset''s terms before ranking'
      using errcode = 'insufficient_privilege';
  elsif outdated then
    raise exception 'the terms of this dataset changed; read and accept them again before ranking'
      using errcode = 'insufficient_privilege';
  end if;
  new.consent_id := consent_id;
  new.terms_version_id := terms_version_id;
  return new;
end
$$;
revoke execute on function private.vote_under_current_consent() from public, anon;

create trigger votes_under_current_consent
before insert on public.votes
for each row execute function private.vote_under_current_consent();

-- ---------------------------------------------------------------------------
-- The audit log: append-only, for stewards and for the person it concerns
-- ---------------------------------------------------------------------------

create table public.consent_events (
  id bigint generated always as identity primary key,
  dataset_id bigint not null references public.datasets (id),
  user_id uuid references auth.users (id),
  event text not null check (event in (
    'terms_published', 'consent_given', 'consent_renewed', 'consent_withdrawn', 'votes_restored'
  )),
  terms_version_id bigint references public.terms_versions (id),
  detail jsonb not null default '{}'::jsonb,
  at timestamptz not null default now()
);
create index consent_events_dataset_idx on public.consent_events (dataset_id, at);
create index consent_events_user_idx on public.consent_events (user_id);

create function private.refuse_audit_change() returns trigger
language plpgsql set search_path = ''
as $$
begin
  raise exception 'the consent audit log is append-only'
    using errcode = 'insufficient_privilege';
end
$$;
revoke execute on function private.refuse_audit_change() from public, anon;

create trigger consent_events_append_only
before update or delete on public.consent_events
for each row execute function private.refuse_audit_change();
create trigger consent_events_no_truncate
before truncate on public.consent_events
for each statement execute function private.refuse_audit_change();

revoke all on public.consent_events from anon, authenticated;
grant select on public.consent_events to authenticated;
alter table public.consent_events enable row level security;
create policy "stewards read their datasets' log, people read their own entries"
  on public.consent_events
  for select to authenticated
  using (user_id = (select auth.uid()) or private.is_steward(dataset_id));

create function private.log_terms_published() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.consent_events (dataset_id, user_id, event, terms_version_id, detail)
  values (new.dataset_id, (select auth.uid()), 'terms_published', new.id,
          jsonb_build_object('version', new.version, 'material', new.material));
  return null;
end
$$;
revoke execute on function private.log_terms_published() from public, anon;

create trigger terms_versions_log_published
after update of status on public.terms_versions
for each row when (old.status = 'draft' and new.status = 'published')
execute function private.log_terms_published();
create trigger terms_versions_log_published_on_insert
after insert on public.terms_versions
for each row when (new.status = 'published')
execute function private.log_terms_published();

create function private.log_consent() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    insert into public.consent_events (dataset_id, user_id, event, terms_version_id, detail)
    values (new.dataset_id, new.user_id,
            case when exists (
              select 1 from public.consents x
              where x.dataset_id = new.dataset_id and x.user_id = new.user_id and x.id <> new.id
            ) then 'consent_renewed' else 'consent_given' end,
            new.terms_version_id, jsonb_build_object('credit', new.credit));
  elsif old.withdrawn_at is null and new.withdrawn_at is not null then
    insert into public.consent_events (dataset_id, user_id, event, terms_version_id)
    values (new.dataset_id, new.user_id, 'consent_withdrawn', new.terms_version_id);
  end if;
  return null;
end
$$;
revoke execute on function private.log_consent() from public, anon;

create trigger consents_log
after insert or update on public.consents
for each row execute function private.log_consent();

-- ---------------------------------------------------------------------------
-- What the volunteer calls
-- ---------------------------------------------------------------------------

-- Accepts the latest published terms. A consent to an older version is superseded (its votes
-- keep their version); accepting the version one already holds changes nothing.
create function public.give_consent(dataset_slug text, credit text default 'pseudonymous', credit_name text default null)
returns table (consent_id bigint, terms_version integer, accepted_at timestamptz)
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  ds bigint;
  tv public.terms_versions;
  c public.consents;
begin
  select d.id into ds from public.datasets d where d.slug = give_consent.dataset_slug;
  select t.* into tv from public.terms_versions t
  where t.dataset_id = ds and t.status = 'published'
  order by t.version desc limit 1;
  if tv.id is null then
    raise exception 'dataset "%" has no published terms to consent to', give_consent.dataset_slug
      using errcode = 'no_data_found';
  end if;
  if give_consent.credit = 'named' and tv.attribution <> 'named_on_request' then
    raise exception 'these terms credit contributors by pseudonym only'
      using errcode = 'invalid_parameter_value';
  end if;

  select x.* into c from public.consents x
  where x.dataset_id = ds and x.user_id = (select auth.uid())
    and x.withdrawn_at is null and x.superseded_at is null;
  if c.id is not null and c.terms_version_id = tv.id then
    return query select c.id, tv.version, c.accepted_at;
    return;
  end if;
  if c.id is not null then
    update public.consents x set superseded_at = now() where x.id = c.id;
  end if;
  insert into public.consents (dataset_id, user_id, terms_version_id, credit, credit_name)
  values (ds, (select auth.uid()), tv.id, give_consent.credit,
          case when give_consent.credit = 'named' then nullif(btrim(give_consent.credit_name), '') end)
  returning * into c;
  return query select c.id, tv.version, c.accepted_at;
end
$$;

revoke execute on function public.give_consent(text, text, text) from public, anon;
grant execute on function public.give_consent(text, text, text) to authenticated;

-- Withdraws every consent the caller holds to the dataset, at once. Returns how many of their
-- votes that takes out of later exports.
create function public.withdraw_consent(dataset_slug text)
returns bigint
language sql volatile security invoker set search_path = ''
as $$
  with ds as (select d.id from public.datasets d where d.slug = withdraw_consent.dataset_slug),
  withdrawn as (
    update public.consents c set withdrawn_at = now()
    from ds
    where c.dataset_id = ds.id and c.user_id = (select auth.uid()) and c.withdrawn_at is null
    returning c.id
  )
  select count(*) from public.votes v where v.consent_id in (select id from withdrawn)
$$;
revoke execute on function public.withdraw_consent(text) from public, anon;
grant execute on function public.withdraw_consent(text) to authenticated;

-- Brings the caller's withdrawn votes in a dataset back under their current consent, by their
-- own choice. Each vote keeps the terms version it was cast under. Returns how many.
create function private.restore_votes(dataset_slug text)
returns bigint
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  ds bigint;
  current_consent bigint;
  n bigint;
begin
  select d.id into ds from public.datasets d where d.slug = restore_votes.dataset_slug;
  select c.id into current_consent from public.consents c
  where c.dataset_id = ds and c.user_id = uid and c.withdrawn_at is null and c.superseded_at is null;
  if current_consent is null or private.consent_state(ds, uid) <> 'current' then
    raise exception 'accept the current terms of this dataset before restoring your votes'
      using errcode = 'insufficient_privilege';
  end if;
  update public.votes v set consent_id = current_consent
  from public.consents c
  where c.id = v.consent_id and c.withdrawn_at is not null
    and v.dataset_id = ds and v.user_id = uid;
  get diagnostics n = row_count;
  if n > 0 then
    insert into public.consent_events (dataset_id, user_id, event, detail)
    values (ds, uid, 'votes_restored', jsonb_build_object('votes', n));
  end if;
  return n;
end
$$;
revoke execute on function private.restore_votes(text) from public, anon;
grant execute on function private.restore_votes(text) to authenticated;

create function public.restore_votes(dataset_slug text)
returns bigint
language sql volatile security invoker set search_path = ''
as $$ select private.restore_votes(restore_votes.dataset_slug) $$;
revoke execute on function public.restore_votes(text) from public, anon;
grant execute on function public.restore_votes(text) to authenticated;

-- ---------------------------------------------------------------------------
-- The export filter: the only way export code reads votes
-- ---------------------------------------------------------------------------

-- A vote is exportable for a purpose only if the consent it was cast under is not withdrawn
-- and the terms version it was cast under allows the purpose and the export's conditions:
-- `commercial` exports need terms that allow commercial use; exports for models whose weights
-- will not be released need terms without the open-weights-only condition.
create function private.exportable_votes(
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
  return query
  select v.* from public.votes v
  join public.consents c on c.id = v.consent_id
  join public.terms_versions t on t.id = v.terms_version_id
  where v.dataset_id = exportable_votes.dataset_id
    and c.withdrawn_at is null
    and case exportable_votes.purpose
          when 'train-ai' then t.allow_train_ai
          when 'evaluate' then t.allow_evaluate
          else t.allow_publish
        end
    and (not exportable_votes.commercial or t.allow_commercial)
    and (exportable_votes.open_weights or not t.open_weights_only);
end
$$;
-- Export code runs on the server's own connection (or as service_role on Supabase) and turns
-- authors into pseudonyms; no API role reads raw votes through it.
revoke execute on function private.exportable_votes(bigint, text, boolean, boolean) from public, anon, authenticated;
grant execute on function private.exportable_votes(bigint, text, boolean, boolean) to service_role;

-- ---------------------------------------------------------------------------
-- What a volunteer sees of their own contributions
-- ---------------------------------------------------------------------------

-- One row per dataset the caller has ever consented to: where their consent stands, the
-- version they last accepted, and their votes, counted as in or out of later exports.
create function public.my_contributions()
returns table (
  slug text, title text, consent text, terms_version integer, credit text,
  consented_at timestamptz, withdrawn_at timestamptz, votes_included bigint, votes_withdrawn bigint
)
language sql stable security invoker set search_path = ''
as $$
  select d.slug, d.title, private.consent_state(d.id, (select auth.uid())), t.version, last.credit,
         last.accepted_at, last.withdrawn_at,
         (select count(*) from public.votes v join public.consents c on c.id = v.consent_id
          where v.dataset_id = d.id and v.user_id = (select auth.uid()) and c.withdrawn_at is null),
         (select count(*) from public.votes v join public.consents c on c.id = v.consent_id
          where v.dataset_id = d.id and v.user_id = (select auth.uid()) and c.withdrawn_at is not null)
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

-- The caller's own votes in a dataset, with what they were shown, for them to download.
create function public.my_votes(dataset_slug text)
returns table (
  vote_id bigint, pair_id bigint, prompt jsonb, response_a jsonb, response_b jsonb,
  winner text, strength smallint, shown_left text, rationale text, terms_version integer,
  withdrawn boolean, created_at timestamptz
)
language sql stable security invoker set search_path = ''
as $$
  select v.id, v.pair_id, p.prompt, p.response_a, p.response_b, v.winner, v.strength,
         v.shown_left, v.rationale, t.version, c.withdrawn_at is not null, v.created_at
  from public.votes v
  join public.datasets d on d.id = v.dataset_id
  join public.pairs p on p.id = v.pair_id
  join public.consents c on c.id = v.consent_id
  join public.terms_versions t on t.id = v.terms_version_id
  where d.slug = my_votes.dataset_slug and v.user_id = (select auth.uid())
  order by v.id
$$;
revoke execute on function public.my_votes(text) from public, anon;
grant execute on function public.my_votes(text) to authenticated;
