-- Dossier process notes beside the TTHC form: apology slips ("Phiếu xin lỗi và hẹn lại ngày trả kết quả") issued
-- in the window, and dossiers in progress at its end whose last event before it is a supplement request (awaiting
-- the applicant). Dossiers with a data-quality issue are not counted (same exclusion as the form).
-- Row: one row of two counts. Parameters: @units integer[] (null = all), @start, @end, @now timestamptz.
with params as not materialized (
  select @start::timestamptz as s, @end::timestamptz as e, @now::timestamptz as now_, @units::integer[] as units
),
apologies as (
  select count(*) as n
  from dossier_event ev
  join dossier d on d.id = ev.dossier_id
  cross join params x
  where ev.kind = 'apology_issued' and ev.occurred_at >= x.s and ev.occurred_at < x.e
    and (x.units is null or d.deciding_agency_id = any (x.units))
    and dossier_static_issue(d.received_at, d.due_at, d.finished_at, d.ended_at, d.state) is null
    and not coalesce(greatest(d.received_at, d.closed_at) > x.now_, false)
),
open_candidates as (
  -- open now, or closed after E (two index-friendly halves of "not closed before E")
  select d.* from dossier d cross join params x where d.closed_at is null and d.received_at < x.e
  union all
  select d.* from dossier d cross join params x where d.closed_at >= x.e and d.received_at < x.e
),
open_at_end as (
  select d.id from open_candidates d cross join params x
  where (x.units is null or d.deciding_agency_id = any (x.units))
    and dossier_static_issue(d.received_at, d.due_at, d.finished_at, d.ended_at, d.state) is null
    and not coalesce(greatest(d.received_at, d.closed_at) > x.now_, false)
),
last_event as (
  select distinct on (ev.dossier_id) ev.dossier_id, ev.kind
  from dossier_event ev
  join open_at_end o on o.id = ev.dossier_id
  cross join params x
  where ev.occurred_at < x.e
  order by ev.dossier_id, ev.occurred_at desc, ev.id desc
)
select (select n from apologies) as apologies_issued,
  (select count(*) from last_event where kind = 'supplement_requested') as awaiting_supplement
