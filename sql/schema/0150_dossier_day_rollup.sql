-- 0150 daily rollup and snapshot indexes for the TTHC extracts (docs/FIGURES.md, "Speed"; docs/BENCHMARKS.md).
--
-- dossier_day_rollup: the flows of dossier_month_rollup at civil-day granularity (deciding agency x procedure level x
-- field x civil day, Asia/Ho_Chi_Minh). It serves the partial months at a window's edges (Decree 09 windows start on
-- the 15th) and the prefix sums that give the snapshots without walking them:
--   open at instant T = (statically clean dossiers received before T) - (those closed before T)
-- (a statically clean dossier is never closed before it is received), read as: months before T's month from
-- dossier_month_rollup + days of T's month before T's day from dossier_day_rollup + T's own day live.
-- refresh_dossier_rollup() now recomputes the dirty months' days and derives the months from them; the dirty-month
-- marks and triggers of 0020 are unchanged.
--
-- The index for "in progress at E and not yet due" is in 0151.

create table dossier_day_rollup (
  deciding_agency_id integer not null,
  level              text not null,
  field_id           integer not null,
  day                date not null,
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
  primary key (day, deciding_agency_id, level, field_id)
);

create or replace function clear_dossier_rollup()
returns trigger
language plpgsql
as $$
begin
  delete from dossier_month_rollup;
  delete from dossier_day_rollup;
  delete from dossier_rollup_dirty;
  return null;
end
$$;

create or replace function refresh_dossier_rollup()
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

  delete from dossier_day_rollup r where date_trunc('month', r.day)::date = any (months);
  delete from dossier_month_rollup r where r.month = any (months);

  insert into dossier_day_rollup (deciding_agency_id, level, field_id, day,
    received_online, received_direct, received_postal, resolved_early, resolved_on_time, resolved_late,
    withdrawn, stopped, refused, resolved_has_fee, resolved_paid_online, resolved_digitised)
  with ranges as (
    select m as month,
      (m::timestamp at time zone 'Asia/Ho_Chi_Minh') as lo,
      ((m + interval '1 month')::timestamp at time zone 'Asia/Ho_Chi_Minh') as hi
    from unnest(months) m
  ),
  candidates as (
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
    select deciding_agency_id, level, field_id, civil_date(received_at) as day,
      (channel = 2)::int as received_online, (channel = 1)::int as received_direct, (channel = 3)::int as received_postal,
      0 as resolved_early, 0 as resolved_on_time, 0 as resolved_late, 0 as withdrawn, 0 as stopped, 0 as refused,
      0 as resolved_has_fee, 0 as resolved_paid_online, 0 as resolved_digitised
    from clean
    union all
    select deciding_agency_id, level, field_id, civil_date(finished_at),
      0, 0, 0,
      (civil_date(finished_at) < civil_date(due_at))::int, (civil_date(finished_at) = civil_date(due_at))::int,
      (civil_date(finished_at) > civil_date(due_at))::int, 0, 0, 0,
      has_fee::int, (has_fee and paid_online)::int, result_digitised::int
    from clean where finished_at is not null
    union all
    select deciding_agency_id, level, field_id, civil_date(ended_at),
      0, 0, 0, 0, 0, 0, (state = 'withdrawn')::int, (state = 'stopped')::int, (state = 'refused')::int, 0, 0, 0
    from clean where finished_at is null and ended_at is not null
  )
  select deciding_agency_id, level, field_id, day,
    sum(received_online), sum(received_direct), sum(received_postal),
    sum(resolved_early), sum(resolved_on_time), sum(resolved_late),
    sum(withdrawn), sum(stopped), sum(refused),
    sum(resolved_has_fee), sum(resolved_paid_online), sum(resolved_digitised)
  from flows
  where date_trunc('month', day)::date = any (months)
  group by deciding_agency_id, level, field_id, day;

  insert into dossier_month_rollup (deciding_agency_id, level, field_id, month,
    received_online, received_direct, received_postal, resolved_early, resolved_on_time, resolved_late,
    withdrawn, stopped, refused, resolved_has_fee, resolved_paid_online, resolved_digitised)
  select deciding_agency_id, level, field_id, date_trunc('month', day)::date,
    sum(received_online), sum(received_direct), sum(received_postal),
    sum(resolved_early), sum(resolved_on_time), sum(resolved_late),
    sum(withdrawn), sum(stopped), sum(refused),
    sum(resolved_has_fee), sum(resolved_paid_online), sum(resolved_digitised)
  from dossier_day_rollup
  where date_trunc('month', day)::date = any (months)
  group by deciding_agency_id, level, field_id, date_trunc('month', day)::date;

  return cardinality(months);
end
$$;

-- Every month with a dossier gets its days (and its month again) on the next refresh.
insert into dossier_rollup_dirty (month)
select distinct m from dossier
cross join lateral (values (civil_month(received_at)), (civil_month(finished_at)), (civil_month(ended_at))) v (m)
where m is not null;
