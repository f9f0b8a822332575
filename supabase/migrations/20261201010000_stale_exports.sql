-- An export is made by the server process it was asked of. When that process stopped mid-export
-- (killed, crashed, redeployed), the export stayed 'running' for good: its researcher watched a
-- progress page that never moved, and its frozen rows stayed behind, which kept the frozen
-- tables from being emptied (private.drop_frozen truncates only when no other export runs), so
-- every later export left its deleted rows in them too, and they slowed down. The process
-- making an export now says it is alive while it works; an export nobody has said that of for a
-- while is failed, with its frozen rows dropped.

alter table public.exports add column alive_at timestamptz;

create function private.export_alive(export_id bigint)
returns void
language sql volatile security definer set search_path = ''
as $$
  update public.exports x set alive_at = now()
  where x.id = export_alive.export_id and x.status in ('requested', 'running')
$$;
revoke execute on function private.export_alive(bigint) from public, anon, authenticated;
grant execute on function private.export_alive(bigint) to service_role;

-- The exports not finished whose last sign of life (asked, started, alive) is older than
-- quiet_seconds, failed one by one as fail_export fails any: the ids, in order.
create function private.fail_stale_exports(quiet_seconds integer)
returns setof bigint
language plpgsql volatile security definer set search_path = ''
as $$
declare
  stale bigint;
begin
  if fail_stale_exports.quiet_seconds is null or fail_stale_exports.quiet_seconds < 0 then
    raise exception 'quiet_seconds must be a number of seconds' using errcode = 'invalid_parameter_value';
  end if;
  for stale in
    select x.id from public.exports x
    where x.status in ('requested', 'running')
      and greatest(x.created_at, x.started_at, x.alive_at)
          <= now() - make_interval(secs => fail_stale_exports.quiet_seconds)
    order by x.id
  loop
    perform private.fail_export(stale, 'stopped: the server making it stopped before it finished');
    return next stale;
  end loop;
end
$$;
revoke execute on function private.fail_stale_exports(integer) from public, anon, authenticated;
grant execute on function private.fail_stale_exports(integer) to service_role;

-- The data API's wrappers, for service_role only (20261122060000_export_access.sql).
create function public.export_alive(export_id bigint)
returns void
language sql volatile security invoker set search_path = ''
as $$ select private.export_alive(export_alive.export_id) $$;

create function public.fail_stale_exports(quiet_seconds integer)
returns setof bigint
language sql volatile security invoker set search_path = ''
as $$ select private.fail_stale_exports(fail_stale_exports.quiet_seconds) $$;

revoke execute on function public.export_alive(bigint), public.fail_stale_exports(integer) from public, anon, authenticated;
grant execute on function public.export_alive(bigint), public.fail_stale_exports(integer) to service_role;
