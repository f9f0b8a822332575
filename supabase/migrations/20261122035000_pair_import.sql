-- Importing pairs from a steward's file. The app validates the whole file first and sends every
-- row in one call, so the import is one transaction: all of it lands, or none of it.

-- What makes two pairs the same: the prompt and the two responses, whichever side each is on.
-- jsonb's text form is canonical (key order and spacing normalised), and the "C" collation makes
-- the order of the two responses the same on every server.
create function private.pair_content_hash(prompt jsonb, response_a jsonb, response_b jsonb)
returns text
language sql immutable parallel safe set search_path = ''
as $$
  select encode(sha256(convert_to(
    prompt::text || chr(30)
      || least(response_a::text collate "C", response_b::text collate "C") || chr(30)
      || greatest(response_a::text collate "C", response_b::text collate "C"),
    'UTF8')), 'hex')
$$;
revoke execute on function private.pair_content_hash(jsonb, jsonb, jsonb) from public, anon;
grant execute on function private.pair_content_hash(jsonb, jsonb, jsonb) to authenticated, service_role;

-- Generated, so pairs added any other way are recognised as duplicates too. Not unique: pairs
-- made before this migration may repeat, and import_pairs skips duplicates itself.
alter table public.pairs
  add column content_hash text
  generated always as (private.pair_content_hash(prompt, response_a, response_b)) stored;
create index pairs_content_hash_idx on public.pairs (dataset_id, content_hash);

-- `pairs` is a JSON array of normalised rows, each with `file_row`, the row number in the file,
-- so problems and skipped duplicates can be named by row. Returns
-- {"imported": n, "duplicate_rows": [rows skipped because the pair is already there]}.
create function public.import_pairs(dataset_slug text, pairs jsonb)
returns jsonb
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  ds bigint := private.stewarded_dataset(import_pairs.dataset_slug);
  taken record;
  result jsonb;
begin
  -- Two imports into one dataset at once would each miss the other's rows as duplicates.
  perform pg_advisory_xact_lock(hashtextextended('import_pairs:' || ds, 0));

  -- The first of each pair in the file that the dataset does not hold yet is new; the rest repeat.
  create temp table pair_import on commit drop as
  select h.*, row_number() over (partition by h.content_hash order by h.file_row) = 1
              and not exists (
                select 1 from public.pairs p where p.dataset_id = ds and p.content_hash = h.content_hash
              ) as is_new
  from (
    select r.*, private.pair_content_hash(r.prompt, r.response_a, r.response_b) as content_hash
    from jsonb_to_recordset(import_pairs.pairs) as r(
      file_row integer, external_id text, prompt jsonb, response_a jsonb, response_b jsonb,
      model_a text, model_b text, metadata jsonb
    )
  ) h;

  -- A clear message instead of the unique constraint's, naming the row of the file.
  select i.file_row, i.external_id into taken from pair_import i
  where i.is_new and exists (
    select 1 from public.pairs p where p.dataset_id = ds and p.external_id = i.external_id
  )
  order by i.file_row limit 1;
  if found then
    raise exception 'row %: id "%" is already used by another pair in this dataset', taken.file_row, taken.external_id
      using errcode = 'unique_violation';
  end if;

  with added as (
    insert into public.pairs (dataset_id, external_id, prompt, response_a, response_b, model_a, model_b, metadata)
    select ds, i.external_id, i.prompt, i.response_a, i.response_b, i.model_a, i.model_b,
           coalesce(i.metadata, '{}'::jsonb)
    from pair_import i where i.is_new order by i.file_row
    returning 1
  )
  select jsonb_build_object(
    'imported', (select count(*) from added),
    'duplicate_rows', (select coalesce(jsonb_agg(i.file_row order by i.file_row), '[]'::jsonb)
                       from pair_import i where not i.is_new)
  ) into result;
  drop table pair_import;
  return result;
end
$$;
revoke execute on function public.import_pairs(text, jsonb) from public, anon;
grant execute on function public.import_pairs(text, jsonb) to authenticated;
