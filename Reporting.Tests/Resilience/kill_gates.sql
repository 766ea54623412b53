-- Test-only fault injection for the kill trials (Reporting.Tests/Resilience/WorkerKillTests.cs); never part of
-- the product's schema. A row in resilience_gate arms a gate: the next statement that moves a report_run, a
-- report_version or a delivery row into that state (or inserts that archive role) waits on an advisory lock the
-- test holds, so the test knows the worker stands exactly there when it kills it. The test then either lets the
-- held statement finish (the crash came just after it) or terminates its backend (just before it).
create table resilience_gate (point text primary key);

create function resilience_gate_hold() returns trigger language plpgsql as $$
declare
  r jsonb := to_jsonb(new); -- the tables differ in columns: read them by name
  here text := case tg_table_name
    when 'delivery' then 'delivery:' || (r ->> 'channel') || ':' || (r ->> 'state')
    when 'archive_entry' then 'archive_entry:' || (r ->> 'role')
    else tg_table_name || ':' || (r ->> 'state') end;
begin
  if exists (select 1 from resilience_gate g where g.point = here) then
    perform pg_advisory_xact_lock_shared(730313);
  end if;
  return new;
end $$;

create trigger resilience_gate before update of state on report_run
  for each row when (new.state is distinct from old.state) execute function resilience_gate_hold();
create trigger resilience_gate before update of state on report_version
  for each row when (new.state is distinct from old.state) execute function resilience_gate_hold();
create trigger resilience_gate before update of state on delivery
  for each row when (new.state is distinct from old.state) execute function resilience_gate_hold();
create trigger resilience_gate before insert on archive_entry
  for each row execute function resilience_gate_hold();
