-- Form: Tình hình, kết quả giải quyết TTHC (Biểu II.06a/VPCP/KSTT, 13 columns) plus withdrawn, stopped, refused.
-- Rollup path, the one reports use: the flows of whole civil months inside the window come from
-- dossier_month_rollup (call refresh_dossier_rollup() first); the partial months at the window's edges
-- ([@start, @whole_start) and [@whole_end, @end)) are read live; the snapshots (carried over at S, in progress at E)
-- are always live. Must give exactly the rows of tthc_live.sql (tests compare them dossier for dossier).
-- Row: one deciding agency x procedure level x field. Definitions: docs/FIGURES.md.
-- Parameters:
--   @units        integer[]    deciding agencies; null = every agency
--   @start, @end  timestamptz  the window [S, E), E capped at data_as_of
--   @whole_start, @whole_end   timestamptz  the whole civil months inside the window, [whole_start, whole_end);
--                              equal when there is none (then everything is live)
--   @now          timestamptz  the clock of the run (DQ_FUTURE_TIMESTAMP)
with params as not materialized (
  select @start::timestamptz as s, @end::timestamptz as e, civil_date(@end::timestamptz) as e_date,
    @whole_start::timestamptz as ws, @whole_end::timestamptz as we, @now::timestamptz as now_,
    @units::integer[] as units
),
rolled as (
  select r.deciding_agency_id, r.level, r.field_id,
    r.received_online, r.received_direct, r.received_postal, r.resolved_early, r.resolved_on_time, r.resolved_late,
    r.withdrawn, r.stopped, r.refused, r.resolved_has_fee, r.resolved_paid_online, r.resolved_digitised
  from dossier_month_rollup r cross join params x
  where x.ws < x.we
    and r.month >= civil_date(x.ws) and r.month < civil_date(x.we)
    and (x.units is null or r.deciding_agency_id = any (x.units))
),
edge_rows as (
  -- Dossiers with a flow in a partial month: received, or closed (finished or ended), in an edge.
  select d.* from dossier d cross join params x
  where ((d.received_at >= x.s and d.received_at < least(x.ws, x.e)) or (d.received_at >= greatest(x.we, x.s) and d.received_at < x.e))
    and (x.units is null or d.deciding_agency_id = any (x.units))
  union
  select d.* from dossier d cross join params x
  where ((d.closed_at >= x.s and d.closed_at < least(x.ws, x.e)) or (d.closed_at >= greatest(x.we, x.s) and d.closed_at < x.e))
    and (x.units is null or d.deciding_agency_id = any (x.units))
),
edge_clean as (
  select e.*, p.level, p.field_id from edge_rows e join procedure p on p.id = e.procedure_id cross join params x
  where dossier_static_issue(e.received_at, e.due_at, e.finished_at, e.ended_at, e.state) is null
    and not coalesce(greatest(e.received_at, e.closed_at) > x.now_, false)
),
in_edge as (
  select c.*,
    (c.received_at >= x.s and c.received_at < least(x.ws, x.e)) or (c.received_at >= greatest(x.we, x.s) and c.received_at < x.e) as received_in_edge,
    (c.finished_at >= x.s and c.finished_at < least(x.ws, x.e)) or (c.finished_at >= greatest(x.we, x.s) and c.finished_at < x.e) as finished_in_edge,
    c.finished_at is null
      and ((c.ended_at >= x.s and c.ended_at < least(x.ws, x.e)) or (c.ended_at >= greatest(x.we, x.s) and c.ended_at < x.e)) as ended_in_edge
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
future_in_whole as (
  -- Rows the rollup counted (statically clean) that the clock now excludes: closed after @now but received in
  -- a whole month. Their only flow inside the whole months is "received"; it is taken back out.
  select d.deciding_agency_id, p.level, p.field_id,
    -(d.channel = 2)::int as received_online, -(d.channel = 1)::int as received_direct, -(d.channel = 3)::int as received_postal,
    0 as resolved_early, 0 as resolved_on_time, 0 as resolved_late, 0 as withdrawn, 0 as stopped, 0 as refused,
    0 as resolved_has_fee, 0 as resolved_paid_online, 0 as resolved_digitised
  from dossier d join procedure p on p.id = d.procedure_id cross join params x
  where x.ws < x.we and d.closed_at > x.now_ and d.received_at >= x.ws and d.received_at < x.we
    and (x.units is null or d.deciding_agency_id = any (x.units))
    and dossier_static_issue(d.received_at, d.due_at, d.finished_at, d.ended_at, d.state) is null
),
snapshot_rows as (
  -- Carried over (open at S) and in progress at E: live, never summed from months.
  select d.* from dossier d cross join params x
  where d.closed_at is null and d.received_at < x.e
    and (x.units is null or d.deciding_agency_id = any (x.units))
  union all
  select d.* from dossier d cross join params x
  where d.closed_at >= x.e and d.received_at < x.e
    and (x.units is null or d.deciding_agency_id = any (x.units))
  union all
  select d.* from dossier d cross join params x
  where d.closed_at >= x.s and d.closed_at < x.e and d.received_at < x.s
    and (x.units is null or d.deciding_agency_id = any (x.units))
),
snapshot_clean as (
  select c.*, p.level, p.field_id from snapshot_rows c join procedure p on p.id = c.procedure_id cross join params x
  where dossier_static_issue(c.received_at, c.due_at, c.finished_at, c.ended_at, c.state) is null
    and not coalesce(greatest(c.received_at, c.closed_at) > x.now_, false)
),
snapshots as (
  select c.deciding_agency_id, c.level, c.field_id,
    count(*) filter (where c.received_at < x.s) as carried_over,
    count(*) filter (where (c.closed_at is null or c.closed_at >= x.e) and civil_date(c.due_at) >= x.e_date) as in_progress_within_limit,
    count(*) filter (where (c.closed_at is null or c.closed_at >= x.e) and civil_date(c.due_at) < x.e_date) as in_progress_overdue
  from snapshot_clean c cross join params x
  group by c.deciding_agency_id, c.level, c.field_id
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
    union all select * from future_in_whole
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
