-- 0020 dossier quality rule and monthly rollups for the TTHC extracts (issue 3, docs/FIGURES.md).
--
-- dossier_static_issue: the data-quality rules that depend on the row alone (not on a window or a clock). A row
-- with an issue is excluded from every figure and listed in the data-quality annex. The clock-dependent rule
-- (timestamps in the future, DQ_FUTURE_TIMESTAMP) is applied by the extracts themselves.
--
-- dossier_month_rollup: per deciding agency x procedure level x field x civil month (Asia/Ho_Chi_Minh), the flows
-- of the month: new dossiers by channel (month of received_at), resolved early / on time / late (month of
-- finished_at), ended without result by state (month of ended_at), and the service counters of the resolved.
-- Snapshots (carried over, in progress) are never rolled up. Rows with a static issue are not counted.
-- Statement triggers with transition tables mark the months a change touches as dirty;
-- refresh_dossier_rollup() recomputes the dirty months and is called before an extract reads the rollup.

create function dossier_static_issue(
  p_received_at timestamptz, p_due_at timestamptz, p_finished_at timestamptz, p_ended_at timestamptz, p_state text)
returns text
language sql immutable
as $$
  select case
    when p_finished_at < p_received_at or p_ended_at < p_received_at then 'DQ_CLOSED_BEFORE_RECEIVED'
    when (p_state = 'in_progress' and (p_finished_at is not null or p_ended_at is not null))
      or (p_state in ('withdrawn', 'stopped', 'refused') and p_finished_at is not null)
      or (p_state = 'resolved' and p_ended_at is not null) then 'DQ_STATE_INCONSISTENT'
    when p_due_at is null then 'DQ_MISSING_DUE'
    -- appointment days are often stored as midnight: only a day before the day of receipt is an error
    when (p_due_at at time zone 'Asia/Ho_Chi_Minh')::date < (p_received_at at time zone 'Asia/Ho_Chi_Minh')::date
      then 'DQ_DUE_BEFORE_RECEIVED'
  end
$$;

-- The civil month (first day) of an instant.
create function civil_month(p_at timestamptz)
returns date
language sql immutable
as $$
  select date_trunc('month', p_at at time zone 'Asia/Ho_Chi_Minh')::date
$$;

create function civil_date(p_at timestamptz)
returns date
language sql immutable
as $$
  select (p_at at time zone 'Asia/Ho_Chi_Minh')::date
$$;

create table dossier_month_rollup (
  deciding_agency_id integer not null,
  level              text not null,
  field_id           integer not null,
  month              date not null,
  received_online    bigint not null default 0,
  received_direct    bigint not null default 0,
  received_postal    bigint not null default 0,
  resolved_early     bigint not null default 0,
  resolved_on_time   bigint not null default 0,
  resolved_late      bigint not null default 0,
  withdrawn          bigint not null default 0,
  stopped            bigint not null default 0,
  refused            bigint not null default 0,
  resolved_has_fee   bigint not null default 0,
  resolved_paid_online bigint not null default 0,
  resolved_digitised bigint not null default 0,
  primary key (month, deciding_agency_id, level, field_id)
);

-- A mark per changed month and statement (no unique key on purpose: a mark written by a transaction that is still
-- open must survive a refresh that runs meanwhile; the refresh consumes only the marks it can see).
create table dossier_rollup_dirty (
  month date not null
);

create function mark_dossier_months_dirty()
returns trigger
language plpgsql
as $$
begin
  if tg_op in ('INSERT', 'UPDATE') then
    insert into dossier_rollup_dirty (month)
    select distinct m from new_rows n
    cross join lateral (values (civil_month(n.received_at)), (civil_month(n.finished_at)), (civil_month(n.ended_at))) v (m)
    where m is not null;
  end if;
  if tg_op in ('DELETE', 'UPDATE') then
    insert into dossier_rollup_dirty (month)
    select distinct m from old_rows o
    cross join lateral (values (civil_month(o.received_at)), (civil_month(o.finished_at)), (civil_month(o.ended_at))) v (m)
    where m is not null;
  end if;
  return null;
end
$$;

create trigger dossier_rollup_insert after insert on dossier
  referencing new table as new_rows for each statement execute function mark_dossier_months_dirty();
create trigger dossier_rollup_update after update on dossier
  referencing old table as old_rows new table as new_rows for each statement execute function mark_dossier_months_dirty();
create trigger dossier_rollup_delete after delete on dossier
  referencing old table as old_rows for each statement execute function mark_dossier_months_dirty();

create function clear_dossier_rollup()
returns trigger
language plpgsql
as $$
begin
  delete from dossier_month_rollup;
  delete from dossier_rollup_dirty;
  return null;
end
$$;

create trigger dossier_rollup_truncate after truncate on dossier
  for each statement execute function clear_dossier_rollup();

-- A procedure moved to another field or level changes the key of every month: recompute them all.
create function mark_all_dossier_months_dirty()
returns trigger
language plpgsql
as $$
begin
  insert into dossier_rollup_dirty (month)
  select distinct month from dossier_month_rollup;
  return null;
end
$$;

create trigger procedure_rollup_update after update of field_id, level on procedure
  for each statement execute function mark_all_dossier_months_dirty();

-- Recomputes the dirty months; returns how many. Serialised by an advisory lock so two extracts never
-- recompute the same month at once. Run it under read committed, in its own transaction: each statement sees
-- every change committed before it began, and a change committed after the dirty marks were taken leaves its own
-- mark for the next refresh. A reader that then sees no mark in its snapshot knows the rollup matches it.
create function refresh_dossier_rollup()
returns integer
language plpgsql
as $$
declare
  months date[];
begin
  perform pg_advisory_xact_lock(hashtext('dossier_month_rollup'));
  with taken as (delete from dossier_rollup_dirty returning month)
  select coalesce(array_agg(distinct month), '{}') into months from taken;
  if cardinality(months) = 0 then
    return 0;
  end if;

  delete from dossier_month_rollup r where r.month = any (months);

  insert into dossier_month_rollup (deciding_agency_id, level, field_id, month,
    received_online, received_direct, received_postal, resolved_early, resolved_on_time, resolved_late,
    withdrawn, stopped, refused, resolved_has_fee, resolved_paid_online, resolved_digitised)
  with ranges as (
    select m as month,
      (m::timestamp at time zone 'Asia/Ho_Chi_Minh') as lo,
      ((m + interval '1 month')::timestamp at time zone 'Asia/Ho_Chi_Minh') as hi
    from unnest(months) m
  ),
  candidates as (
    -- Dossiers received, finished or ended in one of the months (closed_at covers finished and ended); ids only,
    -- so the de-duplication sorts narrow rows.
    select d.id from ranges r join dossier d on d.received_at >= r.lo and d.received_at < r.hi
    union
    select d.id from ranges r join dossier d on d.closed_at >= r.lo and d.closed_at < r.hi
  ),
  clean as (
    select d.*, p.level, p.field_id
    from candidates c join dossier d on d.id = c.id join procedure p on p.id = d.procedure_id
    where dossier_static_issue(d.received_at, d.due_at, d.finished_at, d.ended_at, d.state) is null
  ),
  flows as (
    select deciding_agency_id, level, field_id, civil_month(received_at) as month,
      (channel = 2)::int as received_online, (channel = 1)::int as received_direct, (channel = 3)::int as received_postal,
      0 as resolved_early, 0 as resolved_on_time, 0 as resolved_late, 0 as withdrawn, 0 as stopped, 0 as refused,
      0 as resolved_has_fee, 0 as resolved_paid_online, 0 as resolved_digitised
    from clean
    union all
    select deciding_agency_id, level, field_id, civil_month(finished_at),
      0, 0, 0,
      (civil_date(finished_at) < civil_date(due_at))::int, (civil_date(finished_at) = civil_date(due_at))::int,
      (civil_date(finished_at) > civil_date(due_at))::int, 0, 0, 0,
      has_fee::int, (has_fee and paid_online)::int, result_digitised::int
    from clean where finished_at is not null
    union all
    select deciding_agency_id, level, field_id, civil_month(ended_at),
      0, 0, 0, 0, 0, 0, (state = 'withdrawn')::int, (state = 'stopped')::int, (state = 'refused')::int, 0, 0, 0
    from clean where finished_at is null and ended_at is not null
  )
  select deciding_agency_id, level, field_id, month,
    sum(received_online), sum(received_direct), sum(received_postal),
    sum(resolved_early), sum(resolved_on_time), sum(resolved_late),
    sum(withdrawn), sum(stopped), sum(refused),
    sum(resolved_has_fee), sum(resolved_paid_online), sum(resolved_digitised)
  from flows
  where month = any (months)
  group by deciding_agency_id, level, field_id, month;

  return cardinality(months);
end
$$;

-- Months of the dossiers already loaded when this migration runs.
insert into dossier_rollup_dirty (month)
select distinct m from dossier
cross join lateral (values (civil_month(received_at)), (civil_month(finished_at)), (civil_month(ended_at))) v (m)
where m is not null;

-- Apology slips and supplement requests are read by kind and instant.
create index dossier_event_kind_idx on dossier_event (kind, occurred_at);

-- The few rows with a static data-quality issue, found without scanning the window.
create index dossier_static_issue_idx on dossier (deciding_agency_id)
  where dossier_static_issue(received_at, due_at, finished_at, ended_at, state) is not null;
