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
