-- Form: Tình hình, kết quả giải quyết TTHC (Biểu II.06a/VPCP/KSTT, 13 columns) plus withdrawn, stopped, refused.
-- Rollup path, the one reports use (call refresh_dossier_rollup() first). Must give exactly the rows of
-- tthc_live.sql (tests compare them dossier for dossier). Row: one deciding agency x procedure level x field.
-- Definitions: docs/FIGURES.md. Where each figure comes from:
--   flows      whole civil months from dossier_month_balance (the running balance before the window's last whole
--              month ends minus the one before its first begins), the other whole civil days from dossier_day_rollup,
--              the partial days at the edges (only when S or E is not midnight) live;
--   snapshots  open at T (T = S for [6], T = E for [11]) = received before T - closed before T, as prefix sums:
--              months before T's month (one running-balance row per key) + days of T's month before T's day (day
--              rollup) + T's day live; [12] (open at E, due on or after E's day) = received before E - left before E, the same way
--              over the rollups' left_within_limit (the leave day: least(closed day, day after the due day)), E's own
--              day live (rows due the day before it and not closed before it, rows closed on it before E);
--              [13] = [11] - [12].
--   future     the rollups count every statically clean row; rows the clock marks as future (DQ_FUTURE_TIMESTAMP)
--              are taken back out where they were counted.
-- Parameters:
--   @units        integer[]    deciding agencies; null = every agency
--   @start, @end  timestamptz  the window [S, E), E capped at data_as_of
--   @whole_start, @whole_end   timestamptz  the whole civil months inside the window, [whole_start, whole_end);
--                              equal when there is none
--   @now          timestamptz  the clock of the run (DQ_FUTURE_TIMESTAMP)
with input as not materialized (
  select @start::timestamptz as s, @end::timestamptz as e, @whole_start::timestamptz as ws,
    @whole_end::timestamptz as we, @now::timestamptz as now_, @units::integer[] as units
),
params as not materialized (
  -- s_floor/e_floor: midnight starting S's/E's civil day; s_ceil: S if midnight, else the next midnight.
  select i.*, civil_date(i.e) as e_date, civil_date(i.s) as s_date, civil_month(i.s) as s_month, civil_month(i.e) as e_month,
    (civil_date(i.s)::timestamp at time zone 'Asia/Ho_Chi_Minh') as s_floor,
    (civil_date(i.e)::timestamp at time zone 'Asia/Ho_Chi_Minh') as e_floor,
    case when (civil_date(i.s)::timestamp at time zone 'Asia/Ho_Chi_Minh') = i.s then i.s
      else ((civil_date(i.s) + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh') end as s_ceil
  from input i
),
balance_last as (
  select max(b.month) as last_month from dossier_month_balance b
),
balance_at as not materialized (
  -- Everything before a month m, one row per key: the running balance of month least(m - 1, its last month). Here
  -- m = S's month, E's month (snapshots) and the first and last whole month of the window (flows).
  select x.*, least((x.s_month - interval '1 month')::date, l.last_month) as s_prev,
    least((x.e_month - interval '1 month')::date, l.last_month) as e_prev,
    least((civil_date(x.ws) - interval '1 month')::date, l.last_month) as ws_prev,
    least((civil_date(x.we) - interval '1 month')::date, l.last_month) as we_prev
  from params x cross join balance_last l
),
balance as (
  select b.*, b.month = x.s_prev as at_s, b.month = x.e_prev as at_e,
    x.ws < x.we and b.month = x.ws_prev as at_ws, x.ws < x.we and b.month = x.we_prev as at_we
  from dossier_month_balance b cross join balance_at x
  where b.month in (x.s_prev, x.e_prev, x.ws_prev, x.we_prev)
    and (x.units is null or b.deciding_agency_id = any (x.units))
),
rolled as (
  -- The whole months of the window: balance before its end minus balance before its start.
  select r.deciding_agency_id, r.level, r.field_id,
    sum(r.received_online * r.sign) as received_online, sum(r.received_direct * r.sign) as received_direct,
    sum(r.received_postal * r.sign) as received_postal, sum(r.resolved_early * r.sign) as resolved_early,
    sum(r.resolved_on_time * r.sign) as resolved_on_time, sum(r.resolved_late * r.sign) as resolved_late,
    sum(r.withdrawn * r.sign) as withdrawn, sum(r.stopped * r.sign) as stopped, sum(r.refused * r.sign) as refused,
    sum(r.resolved_has_fee * r.sign) as resolved_has_fee, sum(r.resolved_paid_online * r.sign) as resolved_paid_online,
    sum(r.resolved_digitised * r.sign) as resolved_digitised
  from (
    select b.*, 1 as sign from balance b where b.at_we
    union all
    select b.*, -1 from balance b where b.at_ws
  ) r
  group by r.deciding_agency_id, r.level, r.field_id
),
rolled_days as (
  -- The whole days of the window outside the whole months: [s_ceil, e_floor) minus [ws, we).
  select r.deciding_agency_id, r.level, r.field_id,
    r.received_online, r.received_direct, r.received_postal, r.resolved_early, r.resolved_on_time, r.resolved_late,
    r.withdrawn, r.stopped, r.refused, r.resolved_has_fee, r.resolved_paid_online, r.resolved_digitised
  from dossier_day_rollup r cross join params x
  where r.day >= civil_date(x.s_ceil) and r.day < civil_date(x.e_floor)
    and not (x.ws < x.we and r.day >= civil_date(x.ws) and r.day < civil_date(x.we))
    and (x.units is null or r.deciding_agency_id = any (x.units))
),
edge_rows as (
  -- Dossiers with a flow in a partial day at an edge, [S, s_ceil) or [e_floor, E): received, or closed, in it.
  select d.* from dossier d cross join params x
  where ((d.received_at >= x.s and d.received_at < least(x.s_ceil, x.e)) or (d.received_at >= greatest(x.e_floor, x.s) and d.received_at < x.e))
    and (x.units is null or d.deciding_agency_id = any (x.units))
  union
  select d.* from dossier d cross join params x
  where ((d.closed_at >= x.s and d.closed_at < least(x.s_ceil, x.e)) or (d.closed_at >= greatest(x.e_floor, x.s) and d.closed_at < x.e))
    and (x.units is null or d.deciding_agency_id = any (x.units))
),
edge_clean as (
  select e.*, p.level, p.field_id from edge_rows e join procedure p on p.id = e.procedure_id cross join params x
  where dossier_static_issue(e.received_at, e.due_at, e.finished_at, e.ended_at, e.state) is null
    and not coalesce(greatest(e.received_at, e.closed_at) > x.now_, false)
),
in_edge as (
  select c.*,
    (c.received_at >= x.s and c.received_at < least(x.s_ceil, x.e)) or (c.received_at >= greatest(x.e_floor, x.s) and c.received_at < x.e) as received_in_edge,
    (c.finished_at >= x.s and c.finished_at < least(x.s_ceil, x.e)) or (c.finished_at >= greatest(x.e_floor, x.s) and c.finished_at < x.e) as finished_in_edge,
    c.finished_at is null
      and ((c.ended_at >= x.s and c.ended_at < least(x.s_ceil, x.e)) or (c.ended_at >= greatest(x.e_floor, x.s) and c.ended_at < x.e)) as ended_in_edge
  from edge_clean c cross join params x
),
edge_flows as (
  select deciding_agency_id, level, field_id,
    (received_in_edge and channel = 2)::int as received_online,
    (received_in_edge and channel = 1)::int as received_direct,
    (received_in_edge and channel = 3)::int as received_postal,
    (finished_in_edge and civil_date(finished_at) < civil_date(due_at))::int as resolved_early,
    (finished_in_edge and civil_date(finished_at) = civil_date(due_at))::int as resolved_on_time,
    (finished_in_edge and civil_date(finished_at) > civil_date(due_at))::int as resolved_late,
    (ended_in_edge and state = 'withdrawn')::int as withdrawn,
    (ended_in_edge and state = 'stopped')::int as stopped,
    (ended_in_edge and state = 'refused')::int as refused,
    (finished_in_edge and has_fee)::int as resolved_has_fee,
    (finished_in_edge and has_fee and paid_online)::int as resolved_paid_online,
    (finished_in_edge and result_digitised)::int as resolved_digitised
  from in_edge
),
future_rows as (
  -- Statically clean rows the clock marks as future (received or closed after @now): few, found by index.
  select d.*, p.level, p.field_id from (
    select d.* from dossier d cross join params x where d.closed_at > x.now_
    union
    select d.* from dossier d cross join params x where d.received_at > x.now_
  ) d join procedure p on p.id = d.procedure_id cross join params x
  where (x.units is null or d.deciding_agency_id = any (x.units))
    and dossier_static_issue(d.received_at, d.due_at, d.finished_at, d.ended_at, d.state) is null
),
future_in_rolled as (
  -- Counted by a rollup as received in a whole day of the window; their receipt is taken back out. (E <= @now, so
  -- a close inside the whole days is never after the clock.)
  select f.deciding_agency_id, f.level, f.field_id,
    -(f.channel = 2)::int as received_online, -(f.channel = 1)::int as received_direct, -(f.channel = 3)::int as received_postal,
    0 as resolved_early, 0 as resolved_on_time, 0 as resolved_late, 0 as withdrawn, 0 as stopped, 0 as refused,
    0 as resolved_has_fee, 0 as resolved_paid_online, 0 as resolved_digitised
  from future_rows f cross join params x
  where f.received_at >= x.s_ceil and f.received_at < x.e_floor
),
net_months as (
  -- received - closed (- left, for [12]) of every month before S's and E's months: the balance before them
  select r.deciding_agency_id, r.level, r.field_id,
    sum(case when r.at_s then r.received_online + r.received_direct + r.received_postal
      - r.resolved_early - r.resolved_on_time - r.resolved_late - r.withdrawn - r.stopped - r.refused else 0 end) as open_s,
    sum(case when r.at_e then r.received_online + r.received_direct + r.received_postal
      - r.resolved_early - r.resolved_on_time - r.resolved_late - r.withdrawn - r.stopped - r.refused else 0 end) as open_e,
    sum(case when r.at_e then r.received_online + r.received_direct + r.received_postal - r.left_within_limit else 0 end)
      as within_e
  from balance r
  where r.at_s or r.at_e
  group by r.deciding_agency_id, r.level, r.field_id
),
net_days as (
  -- received - closed of the days of S's (E's) month before S's (E's) day
  select r.deciding_agency_id, r.level, r.field_id,
    sum(case when r.day >= x.s_month and r.day < x.s_date then r.received_online + r.received_direct + r.received_postal
      - r.resolved_early - r.resolved_on_time - r.resolved_late - r.withdrawn - r.stopped - r.refused else 0 end) as open_s,
    sum(case when r.day >= x.e_month and r.day < x.e_date then r.received_online + r.received_direct + r.received_postal
      - r.resolved_early - r.resolved_on_time - r.resolved_late - r.withdrawn - r.stopped - r.refused else 0 end) as open_e,
    sum(case when r.day >= x.e_month and r.day < x.e_date then r.received_online + r.received_direct + r.received_postal
      - r.left_within_limit else 0 end) as within_e
  from dossier_day_rollup r cross join params x
  where ((r.day >= x.s_month and r.day < x.s_date) or (r.day >= x.e_month and r.day < x.e_date))
    and (x.units is null or r.deciding_agency_id = any (x.units))
  group by r.deciding_agency_id, r.level, r.field_id
),
partial_day_rows as (
  -- Received or closed in [s_floor, S) or [e_floor, E): the part of S's and E's own day before the instant.
  select d.* from dossier d cross join params x
  where ((d.received_at >= x.s_floor and d.received_at < x.s) or (d.received_at >= x.e_floor and d.received_at < x.e))
    and (x.units is null or d.deciding_agency_id = any (x.units))
  union
  select d.* from dossier d cross join params x
  where ((d.closed_at >= x.s_floor and d.closed_at < x.s) or (d.closed_at >= x.e_floor and d.closed_at < x.e))
    and (x.units is null or d.deciding_agency_id = any (x.units))
),
net_partial as (
  select d.deciding_agency_id, p.level, p.field_id,
    sum((d.received_at >= x.s_floor and d.received_at < x.s)::int - coalesce(d.closed_at >= x.s_floor and d.closed_at < x.s, false)::int) as open_s,
    sum((d.received_at >= x.e_floor and d.received_at < x.e)::int - coalesce(d.closed_at >= x.e_floor and d.closed_at < x.e, false)::int) as open_e,
    -- left on E's day before E by a close (a row due the day before E's day is taken in due_eve below)
    sum((d.received_at >= x.e_floor and d.received_at < x.e)::int
      - coalesce(d.closed_at >= x.e_floor and d.closed_at < x.e and d.due_at >= x.e_floor, false)::int) as within_e
  from partial_day_rows d join procedure p on p.id = d.procedure_id cross join params x
  where dossier_static_issue(d.received_at, d.due_at, d.finished_at, d.ended_at, d.state) is null
  group by d.deciding_agency_id, p.level, p.field_id
),
net_future as (
  -- Future rows the prefix sums count as open at S or E: taken back out.
  select f.deciding_agency_id, f.level, f.field_id,
    -count(*) filter (where f.received_at < x.s and (f.closed_at is null or f.closed_at >= x.s)) as open_s,
    -count(*) filter (where f.received_at < x.e and (f.closed_at is null or f.closed_at >= x.e)) as open_e,
    -count(*) filter (where f.received_at < x.e and (f.closed_at is null or f.closed_at >= x.e) and f.due_at >= x.e_floor) as within_e
  from future_rows f cross join params x
  group by f.deciding_agency_id, f.level, f.field_id
),
due_eve as (
  -- Left on E's own day because the appointment day was the day before (and not closed before E's day): these
  -- stop counting at e_floor, which the day rollup of E's day (not read) would have said. Found by dossier_due_received_idx.
  select d.deciding_agency_id, p.level, p.field_id, -count(*) as within_e
  from dossier d join procedure p on p.id = d.procedure_id cross join params x
  where d.due_at >= x.e_floor - interval '1 day' and d.due_at < x.e_floor
    and civil_date(d.due_at) = x.e_date - 1
    and (d.closed_at is null or d.closed_at >= x.e_floor)
    and (x.units is null or d.deciding_agency_id = any (x.units))
    and dossier_static_issue(d.received_at, d.due_at, d.finished_at, d.ended_at, d.state) is null
  group by d.deciding_agency_id, p.level, p.field_id
),
opened as (
  select deciding_agency_id, level, field_id, sum(open_s) as open_s, sum(open_e) as open_e, sum(within_e) as within
  from (
    select deciding_agency_id, level, field_id, open_s, open_e, within_e from net_months
    union all select deciding_agency_id, level, field_id, open_s, open_e, within_e from net_days
    union all select deciding_agency_id, level, field_id, open_s, open_e, within_e from net_partial
    union all select deciding_agency_id, level, field_id, open_s, open_e, within_e from net_future
    union all select deciding_agency_id, level, field_id, 0, 0, within_e from due_eve
  ) o
  group by deciding_agency_id, level, field_id
),
snapshots as (
  select deciding_agency_id, level, field_id,
    open_s as carried_over, within as in_progress_within_limit, open_e - within as in_progress_overdue
  from opened
),
flows as (
  select deciding_agency_id, level, field_id,
    sum(received_online) as received_online, sum(received_direct) as received_direct, sum(received_postal) as received_postal,
    sum(resolved_early) as resolved_early, sum(resolved_on_time) as resolved_on_time, sum(resolved_late) as resolved_late,
    sum(withdrawn) as withdrawn, sum(stopped) as stopped, sum(refused) as refused,
    sum(resolved_has_fee) as resolved_has_fee, sum(resolved_paid_online) as resolved_paid_online,
    sum(resolved_digitised) as resolved_digitised
  from (
    select * from rolled
    union all select * from edge_flows
    union all select * from rolled_days
    union all select * from future_in_rolled
  ) f
  group by deciding_agency_id, level, field_id
),
joined as (
  select coalesce(f.deciding_agency_id, s.deciding_agency_id) as agency_id, coalesce(f.level, s.level) as level,
    coalesce(f.field_id, s.field_id) as field_id,
    coalesce(f.received_online, 0) as received_online, coalesce(f.received_direct, 0) as received_direct,
    coalesce(f.received_postal, 0) as received_postal, coalesce(s.carried_over, 0) as carried_over,
    coalesce(f.resolved_early, 0) as resolved_early, coalesce(f.resolved_on_time, 0) as resolved_on_time,
    coalesce(f.resolved_late, 0) as resolved_late,
    coalesce(s.in_progress_within_limit, 0) as in_progress_within_limit,
    coalesce(s.in_progress_overdue, 0) as in_progress_overdue,
    coalesce(f.withdrawn, 0) as withdrawn, coalesce(f.stopped, 0) as stopped, coalesce(f.refused, 0) as refused,
    coalesce(f.resolved_has_fee, 0) as resolved_has_fee, coalesce(f.resolved_paid_online, 0) as resolved_paid_online,
    coalesce(f.resolved_digitised, 0) as resolved_digitised
  from flows f
  full join snapshots s
    on s.deciding_agency_id = f.deciding_agency_id and s.level = f.level and s.field_id = f.field_id
)
select agency_id, level, field_id,
  received_online::bigint, received_direct::bigint, received_postal::bigint, carried_over::bigint,
  resolved_early::bigint, resolved_on_time::bigint, resolved_late::bigint,
  in_progress_within_limit::bigint, in_progress_overdue::bigint, withdrawn::bigint, stopped::bigint, refused::bigint,
  (received_online + received_direct + received_postal + carried_over)::bigint as received_total,
  (resolved_early + resolved_on_time + resolved_late)::bigint as resolved_total,
  (in_progress_within_limit + in_progress_overdue)::bigint as in_progress_total,
  (withdrawn + stopped + refused)::bigint as ended_total,
  resolved_has_fee::bigint, resolved_paid_online::bigint, resolved_digitised::bigint
from joined
where received_online + received_direct + received_postal + carried_over + resolved_early + resolved_on_time
  + resolved_late + in_progress_within_limit + in_progress_overdue + withdrawn + stopped + refused > 0
order by agency_id, level, field_id
