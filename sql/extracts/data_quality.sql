-- Data-quality annex of a report: the dossiers that cannot be classified and are therefore excluded from every
-- figure of the TTHC form (issue 3). One rule per row, first match wins in this order: DQ_CLOSED_BEFORE_RECEIVED,
-- DQ_STATE_INCONSISTENT, DQ_MISSING_DUE, DQ_DUE_BEFORE_RECEIVED (dossier_static_issue), then DQ_FUTURE_TIMESTAMP
-- (received or closed after the run's clock).
-- Row: one listed dossier with its rule, the rule's full count in scope, and a reason; at most @cap rows per rule.
-- Scope: deciding agency in @units, and the dossier would touch the window: received in it, received before it
-- and not closed before it, or received from its start on with a future timestamp.
-- Parameters: @units integer[] (null = all), @start, @end, @now timestamptz, @cap integer.
with params as not materialized (
  select @start::timestamptz as s, @end::timestamptz as e, @now::timestamptz as now_, @units::integer[] as units,
    @cap::integer as cap
),
candidates as (
  select d.* from dossier d
  where dossier_static_issue(d.received_at, d.due_at, d.finished_at, d.ended_at, d.state) is not null
  union
  select d.* from dossier d cross join params x where d.received_at > x.now_
  union
  select d.* from dossier d cross join params x where d.closed_at > x.now_
),
scoped as (
  select c.*, coalesce(
      dossier_static_issue(c.received_at, c.due_at, c.finished_at, c.ended_at, c.state),
      case when greatest(c.received_at, c.closed_at) > x.now_ then 'DQ_FUTURE_TIMESTAMP' end) as rule
  from candidates c cross join params x
  where (x.units is null or c.deciding_agency_id = any (x.units))
    and ((c.received_at >= x.s and c.received_at < x.e)
      or (c.received_at < x.s and (c.closed_at is null or c.closed_at >= x.s))
      or (c.received_at >= x.s and c.received_at > x.now_))
),
described as (
  select s.rule, s.code, s.received_at,
    case s.rule
      when 'DQ_CLOSED_BEFORE_RECEIVED' then
        'kết thúc lúc ' || to_char(s.closed_at at time zone 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI:SS')
        || ' trước khi tiếp nhận lúc ' || to_char(s.received_at at time zone 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI:SS')
      when 'DQ_STATE_INCONSISTENT' then
        'trạng thái ' || s.state || ' nhưng'
        || case when s.finished_at is not null then ' có thời điểm giải quyết' else '' end
        || case when s.ended_at is not null then ' có thời điểm kết thúc không có kết quả' else '' end
      when 'DQ_MISSING_DUE' then 'không có ngày hẹn trả kết quả'
      when 'DQ_DUE_BEFORE_RECEIVED' then
        'hẹn trả ' || to_char(s.due_at at time zone 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY')
        || ' trước ngày tiếp nhận ' || to_char(s.received_at at time zone 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY')
      else
        'thời điểm ' || to_char(greatest(s.received_at, s.closed_at) at time zone 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI:SS')
        || ' sau thời điểm lấy số liệu'
    end as reason
  from scoped s
  where s.rule is not null
),
numbered as (
  select d.*, count(*) over (partition by d.rule) as rule_count,
    row_number() over (partition by d.rule order by d.received_at, d.code) as n
  from described d
)
select rule, rule_count, code as dossier_code, reason
from numbered cross join params x
where n <= x.cap
order by rule, n
