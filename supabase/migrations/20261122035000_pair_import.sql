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

-- `pairs` is a JSON array of normalised rows in file order, each with `file_row`, the row number
-- in the file, so problems and skipped duplicates can be named by row. Returns
-- {"imported": n, "duplicate_rows": [rows skipped because the pair is already there]}.
--
-- Hashing a row costs about as much as inserting it, so each row is hashed once, by the generated
-- column as it is inserted: every row goes in, in file order, and the ones whose content an older
-- pair of the dataset already has (from before, or from an earlier row) are then deleted again.
-- The rows stay in memory (work_mem) rather than spill: a file is at most 50 MB.
create function public.import_pairs(dataset_slug text, pairs jsonb)
returns jsonb
language plpgsql volatile security invoker set search_path = '' set work_mem = '128MB'
as $$
declare
  ds bigint := private.stewarded_dataset(import_pairs.dataset_slug);
  taken record;
  inserted bigint;
  removed bigint;
  later bigint[];
  repeated integer[];
begin
  perform pg_advisory_xact_lock(hashtextextended('import_pairs:' || ds, 0));

  -- Rows reusing an id the dataset holds: only their content is hashed here, the unique index
  -- would refuse them. The same content is a duplicate to skip, anything else a problem.
  create temp table pair_import_known on commit drop as
  select r.file_row, r.external_id, false as repeat
  from jsonb_to_recordset(import_pairs.pairs) as r(file_row integer, external_id text)
  where r.external_id is not null
    and exists (select 1 from public.pairs p where p.dataset_id = ds and p.external_id = r.external_id);
  if exists (select 1 from pair_import_known) then
    update pair_import_known k set repeat = true
    from jsonb_to_recordset(import_pairs.pairs) as r(file_row integer, prompt jsonb, response_a jsonb, response_b jsonb)
    where r.file_row = k.file_row and exists (
      select 1 from public.pairs p
      where p.dataset_id = ds and p.content_hash = private.pair_content_hash(r.prompt, r.response_a, r.response_b)
    );
  end if;

  -- Not a clash if an earlier row of the file has the same content: that row goes in, this one
  -- is its duplicate. Rare, so the whole file is hashed only then.
  if exists (select 1 from pair_import_known k where not k.repeat) then
    create temp table pair_import_hashes on commit drop as
    select r.file_row, private.pair_content_hash(r.prompt, r.response_a, r.response_b) as content_hash
    from jsonb_to_recordset(import_pairs.pairs) as r(file_row integer, prompt jsonb, response_a jsonb, response_b jsonb);
    select k.file_row, k.external_id into taken
    from pair_import_known k join pair_import_hashes h on h.file_row = k.file_row
    where not k.repeat and not exists (
      select 1 from pair_import_hashes e where e.content_hash = h.content_hash and e.file_row < h.file_row
    )
    order by k.file_row limit 1;
    if found then
      raise exception 'row %: id "%" is already used by another pair in this dataset', taken.file_row, taken.external_id
        using errcode = 'unique_violation';
    end if;
    drop table pair_import_hashes;
  end if;

  -- In file order, so the first of each content gets the smallest id and is the one kept.
  create temp table pair_import_added (id bigint, content_hash text) on commit drop;
  with added as (
    insert into public.pairs (dataset_id, external_id, prompt, response_a, response_b, model_a, model_b, metadata)
    select ds, r.external_id, r.prompt, r.response_a, r.response_b, r.model_a, r.model_b, coalesce(r.metadata, '{}'::jsonb)
    from jsonb_to_recordset(import_pairs.pairs) as r(
      file_row integer, external_id text, prompt jsonb, response_a jsonb, response_b jsonb,
      model_a text, model_b text, metadata jsonb
    )
    where r.file_row not in (select k.file_row from pair_import_known k)
    order by r.file_row
    returning id, content_hash
  )
  insert into pair_import_added select * from added;
  get diagnostics inserted = row_count;

  -- Found before deleting, so a file without duplicates costs one index probe per row, no more.
  select coalesce(array_agg(a.id), '{}') into later from pair_import_added a
  where exists (
    select 1 from public.pairs o where o.dataset_id = ds and o.content_hash = a.content_hash and o.id < a.id
  );
  removed := cardinality(later);
  if removed > 0 then
    delete from public.pairs p where p.id = any(later);
  end if;

  select coalesce(array_agg(k.file_row), '{}') into repeated from pair_import_known k;
  -- Which rows of the file those were: hashing the file again is only needed when there were any.
  if removed > 0 then
    repeated := repeated || array(
      select h.file_row from (
        select r.file_row, row_number() over (partition by h0.content_hash order by r.file_row) > 1
                 or exists (select 1 from public.pairs p
                            where p.dataset_id = ds and p.content_hash = h0.content_hash
                              and p.id not in (select a.id from pair_import_added a)) as repeat
        from jsonb_to_recordset(import_pairs.pairs) as r(file_row integer, prompt jsonb, response_a jsonb, response_b jsonb)
        cross join lateral (select private.pair_content_hash(r.prompt, r.response_a, r.response_b) as content_hash) h0
        where r.file_row not in (select k.file_row from pair_import_known k)
      ) h where h.repeat
    );
  end if;
  drop table pair_import_known;
  drop table pair_import_added;
  return jsonb_build_object('imported', inserted - removed,
                            'duplicate_rows', (select coalesce(jsonb_agg(x order by x), '[]'::jsonb) from unnest(repeated) x));
end
$$;
revoke execute on function public.import_pairs(text, jsonb) from public, anon;
grant execute on function public.import_pairs(text, jsonb) to authenticated;
