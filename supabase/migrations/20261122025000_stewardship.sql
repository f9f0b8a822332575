-- What a steward calls to run a dataset: create it (becoming its steward), edit it, open and
-- close it, and draft and publish its terms. All run as the caller: the RLS policies and the
-- triggers of the core schema decide who may do what; these functions only name the steps.

create function public.create_dataset(
  slug text, title text, description text default '', guidelines text default '',
  overlap_target integer default 3
)
returns text
language sql volatile security invoker set search_path = ''
as $$
  insert into public.datasets (slug, title, description, guidelines, overlap_target, created_by)
  values (create_dataset.slug, create_dataset.title, coalesce(create_dataset.description, ''),
          coalesce(create_dataset.guidelines, ''), create_dataset.overlap_target, (select auth.uid()))
  returning slug
$$;
revoke execute on function public.create_dataset(text, text, text, text, integer) from public, anon;
grant execute on function public.create_dataset(text, text, text, text, integer) to authenticated;

create function private.stewarded_dataset(dataset_slug text) returns bigint
language plpgsql stable security definer set search_path = ''
as $$
declare
  ds bigint;
begin
  select d.id into ds from public.datasets d
  join public.dataset_stewards s on s.dataset_id = d.id and s.user_id = (select auth.uid())
  where d.slug = stewarded_dataset.dataset_slug;
  if ds is null then
    raise exception 'only the stewards of "%" may do that', stewarded_dataset.dataset_slug
      using errcode = 'insufficient_privilege';
  end if;
  return ds;
end
$$;
revoke execute on function private.stewarded_dataset(text) from public, anon;
grant execute on function private.stewarded_dataset(text) to authenticated;

create function public.update_dataset(
  dataset_slug text, title text, description text, guidelines text, overlap_target integer
)
returns void
language sql volatile security invoker set search_path = ''
as $$
  update public.datasets d
  set title = update_dataset.title, description = update_dataset.description,
      guidelines = update_dataset.guidelines, overlap_target = update_dataset.overlap_target
  where d.id = private.stewarded_dataset(update_dataset.dataset_slug)
$$;
revoke execute on function public.update_dataset(text, text, text, text, integer) from public, anon;
grant execute on function public.update_dataset(text, text, text, text, integer) to authenticated;

-- Opening needs published terms (the guard_dataset_update trigger refuses otherwise).
create function public.set_dataset_status(dataset_slug text, status text)
returns void
language sql volatile security invoker set search_path = ''
as $$
  update public.datasets d set status = set_dataset_status.status
  where d.id = private.stewarded_dataset(set_dataset_status.dataset_slug)
$$;
revoke execute on function public.set_dataset_status(text, text) from public, anon;
grant execute on function public.set_dataset_status(text, text) to authenticated;

-- Saves the dataset's one draft of its next terms version, creating it if there is none.
create function public.save_terms_draft(
  dataset_slug text, summary text, full_text text,
  allow_train_ai boolean, allow_evaluate boolean, allow_publish boolean,
  allow_commercial boolean, open_weights_only boolean,
  license text, attribution text, withdrawal_policy text, retention text, contact text,
  material boolean
)
returns integer
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  ds bigint := private.stewarded_dataset(save_terms_draft.dataset_slug);
  draft bigint;
  saved integer;
begin
  select t.id into draft from public.terms_versions t where t.dataset_id = ds and t.status = 'draft';
  if draft is null then
    insert into public.terms_versions (dataset_id, version)
    select ds, coalesce(max(t.version), 0) + 1 from public.terms_versions t where t.dataset_id = ds
    returning id into draft;
  end if;
  update public.terms_versions t
  set summary = save_terms_draft.summary, full_text = save_terms_draft.full_text,
      allow_train_ai = save_terms_draft.allow_train_ai, allow_evaluate = save_terms_draft.allow_evaluate,
      allow_publish = save_terms_draft.allow_publish, allow_commercial = save_terms_draft.allow_commercial,
      open_weights_only = save_terms_draft.open_weights_only, license = save_terms_draft.license,
      attribution = save_terms_draft.attribution, withdrawal_policy = save_terms_draft.withdrawal_policy,
      retention = save_terms_draft.retention, contact = save_terms_draft.contact,
      material = save_terms_draft.material
  where t.id = draft
  returning t.version into saved;
  return saved;
end
$$;
revoke execute on function public.save_terms_draft(text, text, text, boolean, boolean, boolean, boolean, boolean, text, text, text, text, text, boolean) from public, anon;
grant execute on function public.save_terms_draft(text, text, text, boolean, boolean, boolean, boolean, boolean, text, text, text, text, text, boolean) to authenticated;

-- Publishing makes the draft immutable and current. The first version is always material:
-- nobody has agreed to anything before it.
create function public.publish_terms(dataset_slug text)
returns integer
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  ds bigint := private.stewarded_dataset(publish_terms.dataset_slug);
  published integer;
begin
  update public.terms_versions t
  set status = 'published', material = t.material or t.version = 1
  where t.dataset_id = ds and t.status = 'draft'
  returning t.version into published;
  if published is null then
    raise exception 'there is no draft of new terms to publish'
      using errcode = 'no_data_found';
  end if;
  return published;
end
$$;
revoke execute on function public.publish_terms(text) from public, anon;
grant execute on function public.publish_terms(text) to authenticated;

-- The steward's page: the draft being written (or the latest published version to start
-- from), and the figures a steward watches.
create function public.steward_overview(dataset_slug text)
returns table (
  draft_version integer, base_version integer, summary text, full_text text,
  allow_train_ai boolean, allow_evaluate boolean, allow_publish boolean,
  allow_commercial boolean, open_weights_only boolean, license text, attribution text,
  withdrawal_policy text, retention text, contact text, material boolean,
  volunteers bigint, votes bigint
)
language sql stable security invoker set search_path = ''
as $$
  with ds as (select private.stewarded_dataset(steward_overview.dataset_slug) as id),
  base as (
    select t.* from public.terms_versions t, ds
    where t.dataset_id = ds.id
    order by (t.status = 'draft') desc, t.version desc
    limit 1
  )
  select case when b.status = 'draft' then b.version end,
         case when b.status = 'published' then b.version end,
         b.summary, b.full_text, b.allow_train_ai, b.allow_evaluate, b.allow_publish,
         b.allow_commercial, b.open_weights_only, b.license, b.attribution,
         b.withdrawal_policy, b.retention, b.contact, b.material,
         (select count(distinct c.user_id) from public.consent_events c, ds
           where c.dataset_id = ds.id and c.event in ('consent_given', 'consent_renewed')),
         (select sum(p.vote_count) from public.pairs p, ds where p.dataset_id = ds.id)::bigint
  from ds left join base b on true
$$;
revoke execute on function public.steward_overview(text) from public, anon;
grant execute on function public.steward_overview(text) to authenticated;
