-- Consent to a dataset's current terms, as the ranking page needs it. Re-consent after a
-- material change, the terms history and the audit log come with the consent work; this is the
-- smallest complete step: accept the latest published version, choosing how to be credited.

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
  where x.dataset_id = ds and x.user_id = (select auth.uid()) and x.withdrawn_at is null;
  if c.id is null then
    insert into public.consents (dataset_id, user_id, terms_version_id, credit, credit_name)
    values (ds, (select auth.uid()), tv.id, give_consent.credit,
            case when give_consent.credit = 'named' then nullif(btrim(give_consent.credit_name), '') end)
    returning * into c;
  end if;
  return query select c.id, tv.version, c.accepted_at;
end
$$;
revoke execute on function public.give_consent(text, text, text) from public, anon;
grant execute on function public.give_consent(text, text, text) to authenticated;

-- What the ranking page shows beside the pair: the caller's own counts and the dataset's fill.
create function public.ranking_progress(dataset_slug text)
returns table (
  consented boolean, my_votes_today bigint, my_votes_total bigint,
  votes_total bigint, votes_goal bigint, pairs_complete bigint, pair_count bigint
)
language sql stable security invoker set search_path = ''
as $$
  select
    exists (
      select 1 from public.consents c
      where c.dataset_id = d.id and c.user_id = (select auth.uid()) and c.withdrawn_at is null
    ),
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
