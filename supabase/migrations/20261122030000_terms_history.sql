-- The public terms history: every published terms version of a dataset stays readable, so anyone
-- can see what a vote cast under an old version was agreed to, and what changed since.

-- Every published terms version of the dataset, newest first. Security invoker: row level
-- security already shows published terms to everyone; the status filter is stated anyway so a
-- steward, who may read drafts, never sees one here either.
create function public.terms_history(dataset_slug text)
returns table (
  version integer, summary text, full_text text,
  allow_train_ai boolean, allow_evaluate boolean, allow_publish boolean,
  allow_commercial boolean, open_weights_only boolean,
  license text, attribution text, withdrawal_policy text, retention text, contact text,
  material boolean, published_at timestamptz
)
language sql stable security invoker set search_path = ''
as $$
  select t.version, t.summary, t.full_text,
         t.allow_train_ai, t.allow_evaluate, t.allow_publish, t.allow_commercial, t.open_weights_only,
         t.license, t.attribution, t.withdrawal_policy, t.retention, t.contact,
         t.material, t.published_at
  from public.terms_versions t
  join public.datasets d on d.id = t.dataset_id
  where d.slug = terms_history.dataset_slug and t.status = 'published'
  order by t.version desc
$$;
revoke execute on function public.terms_history(text) from public;
grant execute on function public.terms_history(text) to anon, authenticated;
