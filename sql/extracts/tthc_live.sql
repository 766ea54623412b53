-- Form: Tình hình, kết quả giải quyết TTHC (Biểu II.06a/VPCP/KSTT, 13 columns) plus the columns of product
-- decision 2 (withdrawn, stopped, refused). Live path: every figure straight from the dossier table. The rollup
-- path (tthc_rollup.sql) must give the same rows; tests compare the two.
-- Row: one deciding agency x procedure level x field, for the window [@start, @end) (instants; @end already capped
-- at data_as_of). Counting by the deciding agency (product decision 1). Definitions: docs/FIGURES.md.
-- Parameters:
--   @units  integer[]    deciding agencies (the unit's subtree on the window's end date); null = every agency
--   @start  timestamptz  window start S (00:00 local of the first day)
--   @end    timestamptz  window end E, exclusive
--   @now    timestamptz  the clock of the run: rows received or closed after it are DQ_FUTURE_TIMESTAMP
-- Rows with a data-quality issue (dossier_static_issue, or a future timestamp) are excluded from every figure.
with params as not materialized (
  select @start::timestamptz as s, @end::timestamptz as e, civil_date(@end::timestamptz) as e_date,
    @now::timestamptz as now_, @units::integer[] as units
),
touched as (
  -- Every dossier that counts in [3]: received before E and not closed before S.
  select d.*, p.level, p.field_id
  from dossier d
  join procedure p on p.id = d.procedure_id
  cross join params x
  where d.received_at < x.e
    and (d.closed_at is null or d.closed_at >= x.s)
    and (x.units is null or d.deciding_agency_id = any (x.units))
),
clean as (
  select t.* from touched t cross join params x
  where dossier_static_issue(t.received_at, t.due_at, t.finished_at, t.ended_at, t.state) is null
    and not coalesce(greatest(t.received_at, t.closed_at) > x.now_, false)
),
classified as (
  select c.deciding_agency_id, c.level, c.field_id, c.channel, c.has_fee, c.paid_online, c.result_digitised, c.state,
    c.received_at < x.s as carried,
    c.finished_at >= x.s and c.finished_at < x.e as resolved,
    c.finished_at is null and c.ended_at >= x.s and c.ended_at < x.e as ended,
    c.closed_at is null or c.closed_at >= x.e as open_at_end,
    civil_date(c.finished_at) as finished_day, civil_date(c.due_at) as due_day, x.e_date
  from clean c cross join params x
)
select deciding_agency_id as agency_id, level, field_id,
  count(*) filter (where not carried and channel = 2) as received_online,
  count(*) filter (where not carried and channel = 1) as received_direct,
  count(*) filter (where not carried and channel = 3) as received_postal,
  count(*) filter (where carried) as carried_over,
  count(*) filter (where resolved and finished_day < due_day) as resolved_early,
  count(*) filter (where resolved and finished_day = due_day) as resolved_on_time,
  count(*) filter (where resolved and finished_day > due_day) as resolved_late,
  count(*) filter (where open_at_end and due_day >= e_date) as in_progress_within_limit,
  count(*) filter (where open_at_end and due_day < e_date) as in_progress_overdue,
  count(*) filter (where ended and state = 'withdrawn') as withdrawn,
  count(*) filter (where ended and state = 'stopped') as stopped,
  count(*) filter (where ended and state = 'refused') as refused,
  count(*) as received_total,
  count(*) filter (where resolved) as resolved_total,
  count(*) filter (where open_at_end) as in_progress_total,
  count(*) filter (where ended) as ended_total,
  count(*) filter (where resolved and has_fee) as resolved_has_fee,
  count(*) filter (where resolved and has_fee and paid_online) as resolved_paid_online,
  count(*) filter (where resolved and result_digitised) as resolved_digitised
from classified
group by deciding_agency_id, level, field_id
order by deciding_agency_id, level, field_id
