-- A volunteer's own votes, in pages: on Supabase, PostgREST returns at most `max_rows` rows of
-- a set (1000 by default), so a download of everything in one call would be cut short.
drop function public.my_votes(text);
create function public.my_votes(dataset_slug text, after_vote_id bigint default 0, page_size integer default 500)
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
    and v.id > coalesce(my_votes.after_vote_id, 0)
  order by v.id
  limit least(greatest(coalesce(my_votes.page_size, 500), 1), 1000)
$$;
revoke execute on function public.my_votes(text, bigint, integer) from public, anon;
grant execute on function public.my_votes(text, bigint, integer) to authenticated;
