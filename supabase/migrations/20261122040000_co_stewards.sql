-- Co-stewards: a steward adds another person by the email of their account, or removes one.
-- A dataset always keeps at least one steward, however the rows are deleted.

-- The people who may read emails are the stewards of a dataset, and only of its stewards (whom
-- they added, or who added them) and of the one person they name when adding.
create function private.profile_by_email(dataset_id bigint, email text) returns uuid
language plpgsql stable security definer set search_path = ''
as $$
declare
  found uuid;
begin
  if not private.is_steward(profile_by_email.dataset_id) then
    raise exception 'only the stewards of this dataset may do that' using errcode = 'insufficient_privilege';
  end if;
  select p.id into found from public.profiles p join auth.users u on u.id = p.id
  where lower(u.email) = lower(trim(profile_by_email.email));
  return found;
end
$$;
revoke execute on function private.profile_by_email(bigint, text) from public, anon;
grant execute on function private.profile_by_email(bigint, text) to authenticated;

create function public.add_steward(dataset_slug text, email text) returns void
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  ds bigint := private.stewarded_dataset(add_steward.dataset_slug);
  person uuid := private.profile_by_email(ds, add_steward.email);
begin
  if person is null then
    raise exception 'nobody has an account with the email %: ask them to sign up first', add_steward.email
      using errcode = 'invalid_parameter_value';
  end if;
  if exists (select 1 from public.dataset_stewards s where s.dataset_id = ds and s.user_id = person) then
    raise exception '% is already a steward of this dataset', add_steward.email using errcode = 'invalid_parameter_value';
  end if;
  insert into public.dataset_stewards (dataset_id, user_id, added_by) values (ds, person, (select auth.uid()));
end
$$;
revoke execute on function public.add_steward(text, text) from public, anon;
grant execute on function public.add_steward(text, text) to authenticated;

grant delete on public.dataset_stewards to authenticated;
create policy "stewards remove stewards" on public.dataset_stewards
  for delete to authenticated
  using (private.is_steward(dataset_id));

-- Definer: after removing themselves a steward no longer sees the dataset's stewards, and the
-- check must still count them.
create function private.keep_one_steward() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if exists (select 1 from public.datasets d where d.id = old.dataset_id)
     and not exists (select 1 from public.dataset_stewards s where s.dataset_id = old.dataset_id) then
    raise exception 'a dataset must keep at least one steward' using errcode = 'check_violation';
  end if;
  return null;
end
$$;
revoke execute on function private.keep_one_steward() from public, anon;
create trigger keep_one_steward after delete on public.dataset_stewards
  for each row execute function private.keep_one_steward();

create function public.remove_steward(dataset_slug text, email text) returns void
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  ds bigint := private.stewarded_dataset(remove_steward.dataset_slug);
  person uuid := private.profile_by_email(ds, remove_steward.email);
begin
  delete from public.dataset_stewards s where s.dataset_id = ds and s.user_id = person;
  if not found then
    raise exception '% is not a steward of this dataset', remove_steward.email using errcode = 'invalid_parameter_value';
  end if;
end
$$;
revoke execute on function public.remove_steward(text, text) from public, anon;
grant execute on function public.remove_steward(text, text) to authenticated;

-- Stewards see each other's emails: they are how one steward names another.
create function private.steward_list(dataset_id bigint)
returns table (email text, added_at timestamptz, added_by_email text, is_you boolean)
language sql stable security definer set search_path = ''
as $$
  select u.email::text, s.added_at, a.email::text, s.user_id = (select auth.uid())
  from public.dataset_stewards s
  join auth.users u on u.id = s.user_id
  left join auth.users a on a.id = s.added_by
  where s.dataset_id = steward_list.dataset_id and private.is_steward(steward_list.dataset_id)
  order by s.added_at, u.email
$$;
revoke execute on function private.steward_list(bigint) from public, anon;
grant execute on function private.steward_list(bigint) to authenticated;

create function public.list_stewards(dataset_slug text)
returns table (email text, added_at timestamptz, added_by_email text, is_you boolean)
language sql stable security invoker set search_path = ''
as $$
  select * from private.steward_list(private.stewarded_dataset(list_stewards.dataset_slug))
$$;
revoke execute on function public.list_stewards(text) from public, anon;
grant execute on function public.list_stewards(text) to authenticated;
