-- 0210 "open at E and not yet due" ([12]) as a prefix sum over the rollups, and a running balance per key so
-- that no prefix sum reads every earlier month (docs/FIGURES.md, "Speed").
--
-- (1) left_within_limit.
-- A statically clean dossier is open and not yet due at instant E when received_at < E, closed_at is null or
-- >= E, and civil_date(due_at) >= civil_date(E). It stops being so on its "leave day"
--   least(civil_date(closed_at), civil_date(due_at) + 1)
-- (closed, or the day after its appointment day began), and it is never before its receipt (a clean row is neither
-- closed before it is received nor due before the day of receipt). So, with E's civil day e:
--   [12] at E = received before E - left on a day before e
--               - (left on e itself and (due on e - 1 or closed before E))        <- E's own day, read live
-- and the rollups count, per key and day (month), the rows whose leave day it is: left_within_limit.
--
-- The leave day can be the day after the appointment, in a month no receipt or close touches, so the dirty marks
-- now also cover the month of civil_date(due_at) + 1, and the refresh also takes the rows due in a dirty month (or
-- on the last day of the month before). Every month is marked dirty below, so an already-loaded warehouse gets the
-- new column on its next refresh (the extract refreshes first).
--
-- (2) dossier_month_balance: per key (deciding agency x procedure level x field) and civil month, every counter of
-- dossier_month_rollup summed over that month and all earlier ones. Each key has a row for every month from its
-- first one to the last month of the rollup (dense), so "everything before month m" is one row per key: the row
-- of month least(m - 1, last month), or none (zero) when the key starts later. The refresh recomputes it from the
-- first dirty month on (refresh_dossier_month_balance).

alter table dossier_day_rollup add column left_within_limit bigint not null default 0;
alter table dossier_month_rollup add column left_within_limit bigint not null default 0;

create table dossier_month_balance (
  deciding_agency_id integer not null,
  level              text not null,
  field_id           integer not null,
  month              date not null,
  received_online    bigint not null,
  received_direct    bigint not null,
  received_postal    bigint not null,
  resolved_early     bigint not null,
  resolved_on_time   bigint not null,
  resolved_late      bigint not null,
  withdrawn          bigint not null,
  stopped            bigint not null,
  refused            bigint not null,
  resolved_has_fee   bigint not null,
  resolved_paid_online bigint not null,
  resolved_digitised bigint not null,
  left_within_limit  bigint not null,
  primary key (month, deciding_agency_id, level, field_id)
);

-- Recomputes dossier_month_balance from month p_from on (null: from scratch) out of dossier_month_rollup. The rows
-- before p_from must be right (and dense) already; a gap after the last balanced month is closed by starting there.
create function refresh_dossier_month_balance(p_from date)
returns void
language plpgsql
as $$
declare
  old_last date;
  new_last date;
  m0 date;
begin
  select max(month) into old_last from dossier_month_balance;
  select max(month) into new_last from dossier_month_rollup;
  if p_from is null or old_last is null then
    m0 := (select min(month) from dossier_month_rollup);
  else
    m0 := least(p_from, (old_last + interval '1 month')::date);
  end if;
  if m0 is null then
    delete from dossier_month_balance;
    return;
  end if;
  delete from dossier_month_balance where month >= m0;
  if new_last is null or new_last < m0 then
    return;
  end if;

  insert into dossier_month_balance (deciding_agency_id, level, field_id, month,
    received_online, received_direct, received_postal, resolved_early, resolved_on_time, resolved_late,
    withdrawn, stopped, refused, resolved_has_fee, resolved_paid_online, resolved_digitised, left_within_limit)
  with before as (
    select distinct on (b.deciding_agency_id, b.level, b.field_id) b.*
    from dossier_month_balance b
    where b.month < m0
    order by b.deciding_agency_id, b.level, b.field_id, b.month desc
  ),
  firsts as (
    -- each key's first month from m0 on: m0 itself when it has earlier rows
    select deciding_agency_id, level, field_id, min(first_month) as first_month
    from (
      select deciding_agency_id, level, field_id, m0 as first_month from before
      union all
      select deciding_agency_id, level, field_id, min(month) from dossier_month_rollup where month >= m0
      group by deciding_agency_id, level, field_id
    ) k
    group by deciding_agency_id, level, field_id
  ),
  grid as (
    select f.deciding_agency_id, f.level, f.field_id, g.month::date as month
    from firsts f cross join lateral generate_series(f.first_month, new_last, interval '1 month') g (month)
  )
  select g.deciding_agency_id, g.level, g.field_id, g.month,
    coalesce(b.received_online, 0) + sum(coalesce(r.received_online, 0)) over w,
    coalesce(b.received_direct, 0) + sum(coalesce(r.received_direct, 0)) over w,
    coalesce(b.received_postal, 0) + sum(coalesce(r.received_postal, 0)) over w,
    coalesce(b.resolved_early, 0) + sum(coalesce(r.resolved_early, 0)) over w,
    coalesce(b.resolved_on_time, 0) + sum(coalesce(r.resolved_on_time, 0)) over w,
    coalesce(b.resolved_late, 0) + sum(coalesce(r.resolved_late, 0)) over w,
    coalesce(b.withdrawn, 0) + sum(coalesce(r.withdrawn, 0)) over w,
    coalesce(b.stopped, 0) + sum(coalesce(r.stopped, 0)) over w,
    coalesce(b.refused, 0) + sum(coalesce(r.refused, 0)) over w,
    coalesce(b.resolved_has_fee, 0) + sum(coalesce(r.resolved_has_fee, 0)) over w,
    coalesce(b.resolved_paid_online, 0) + sum(coalesce(r.resolved_paid_online, 0)) over w,
    coalesce(b.resolved_digitised, 0) + sum(coalesce(r.resolved_digitised, 0)) over w,
    coalesce(b.left_within_limit, 0) + sum(coalesce(r.left_within_limit, 0)) over w
  from grid g
  left join dossier_month_rollup r
    on r.month = g.month and r.deciding_agency_id = g.deciding_agency_id and r.level = g.level and r.field_id = g.field_id
  left join before b on b.deciding_agency_id = g.deciding_agency_id and b.level = g.level and b.field_id = g.field_id
  window w as (partition by g.deciding_agency_id, g.level, g.field_id order by g.month);
end
$$;

create or replace function clear_dossier_rollup()
returns trigger
language plpgsql
as $$
begin
  delete from dossier_month_rollup;
  delete from dossier_day_rollup;
  delete from dossier_month_balance;
  delete from dossier_rollup_dirty;
  return null;
end
$$;

-- The civil month of the day after the appointment day (the month of a leave day that is not a close).
create function civil_due_leave_month(p_due_at timestamptz)
returns date
language sql immutable
as $$
  select date_trunc('month', (civil_date(p_due_at) + 1)::timestamp)::date
$$;

create or replace function mark_dossier_months_dirty()
returns trigger
language plpgsql
as $$
begin
  if tg_op in ('INSERT', 'UPDATE') then
    insert into dossier_rollup_dirty (month)
    select distinct m from new_rows n
    cross join lateral (values (civil_month(n.received_at)), (civil_month(n.finished_at)), (civil_month(n.ended_at)),
      (civil_due_leave_month(n.due_at))) v (m)
    where m is not null;
  end if;
  if tg_op in ('DELETE', 'UPDATE') then
    insert into dossier_rollup_dirty (month)
    select distinct m from old_rows o
    cross join lateral (values (civil_month(o.received_at)), (civil_month(o.finished_at)), (civil_month(o.ended_at)),
      (civil_due_leave_month(o.due_at))) v (m)
    where m is not null;
  end if;
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
    withdrawn, stopped, refused, resolved_has_fee, resolved_paid_online, resolved_digitised, left_within_limit)
  with ranges as (
    select m as month,
      (m::timestamp at time zone 'Asia/Ho_Chi_Minh') as lo,
      ((m + interval '1 month')::timestamp at time zone 'Asia/Ho_Chi_Minh') as hi
    from unnest(months) m
  ),
  candidates as (
    -- received, closed, or due on the day before a day of the month (the leave day is then in the month)
    select d.id from ranges r join dossier d on d.received_at >= r.lo and d.received_at < r.hi
    union
    select d.id from ranges r join dossier d on d.closed_at >= r.lo and d.closed_at < r.hi
    union
    select d.id from ranges r join dossier d on d.due_at >= r.lo - interval '1 day' and d.due_at < r.hi - interval '1 day'
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
      0 as resolved_has_fee, 0 as resolved_paid_online, 0 as resolved_digitised, 0 as left_within_limit
    from clean
    union all
    select deciding_agency_id, level, field_id, civil_date(finished_at),
      0, 0, 0,
      (civil_date(finished_at) < civil_date(due_at))::int, (civil_date(finished_at) = civil_date(due_at))::int,
      (civil_date(finished_at) > civil_date(due_at))::int, 0, 0, 0,
      has_fee::int, (has_fee and paid_online)::int, result_digitised::int, 0
    from clean where finished_at is not null
    union all
    select deciding_agency_id, level, field_id, civil_date(ended_at),
      0, 0, 0, 0, 0, 0, (state = 'withdrawn')::int, (state = 'stopped')::int, (state = 'refused')::int, 0, 0, 0, 0
    from clean where finished_at is null and ended_at is not null
    union all
    -- the leave day (least ignores a null closed_at)
    select deciding_agency_id, level, field_id, least(civil_date(closed_at), civil_date(due_at) + 1),
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1
    from clean
  )
  select deciding_agency_id, level, field_id, day,
    sum(received_online), sum(received_direct), sum(received_postal),
    sum(resolved_early), sum(resolved_on_time), sum(resolved_late),
    sum(withdrawn), sum(stopped), sum(refused),
    sum(resolved_has_fee), sum(resolved_paid_online), sum(resolved_digitised), sum(left_within_limit)
  from flows
  where date_trunc('month', day)::date = any (months)
  group by deciding_agency_id, level, field_id, day;

  insert into dossier_month_rollup (deciding_agency_id, level, field_id, month,
    received_online, received_direct, received_postal, resolved_early, resolved_on_time, resolved_late,
    withdrawn, stopped, refused, resolved_has_fee, resolved_paid_online, resolved_digitised, left_within_limit)
  select deciding_agency_id, level, field_id, date_trunc('month', day)::date,
    sum(received_online), sum(received_direct), sum(received_postal),
    sum(resolved_early), sum(resolved_on_time), sum(resolved_late),
    sum(withdrawn), sum(stopped), sum(refused),
    sum(resolved_has_fee), sum(resolved_paid_online), sum(resolved_digitised), sum(left_within_limit)
  from dossier_day_rollup
  where date_trunc('month', day)::date = any (months)
  group by deciding_agency_id, level, field_id, date_trunc('month', day)::date;

  perform refresh_dossier_month_balance((select min(m) from unnest(months) m));
  return cardinality(months);
end
$$;

-- Every month with a dossier, and every leave month, is recomputed on the next refresh (and the balance with them).
-- One scan with one small hash per kind of month (a lateral row per instant is ~4x slower on 10M dossiers).
insert into dossier_rollup_dirty (month)
select distinct v.m
from (
  select civil_month(d.received_at) as received, civil_month(d.finished_at) as finished, civil_month(d.ended_at) as ended,
    civil_due_leave_month(d.due_at) as leave
  from dossier d
  group by grouping sets ((1), (2), (3), (4))
) g
cross join lateral (values (g.received), (g.finished), (g.ended), (g.leave)) v (m)
where v.m is not null;

-- The balance of whatever the rollup holds now (the dirty marks above then recompute it from their first month on).
select refresh_dossier_month_balance(null);
