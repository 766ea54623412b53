-- Feedback and petitions (phản ánh, kiến nghị) of the units in the window (domain.md §4.3, Decision 766 5.2).
-- Row: one row of counts. received: received in the window; handled: handled in the window; handled_on_time:
-- handled in the window no later than its due_at; pending: received before E and not handled before E.
-- Parameters: @units integer[] (null = all), @start, @end timestamptz.
with params as not materialized (
  select @start::timestamptz as s, @end::timestamptz as e, @units::integer[] as units
),
scoped as (
  select f.* from feedback f cross join params x
  where x.units is null or f.agency_id = any (x.units)
)
select
  count(*) filter (where f.received_at >= x.s and f.received_at < x.e) as received,
  count(*) filter (where f.handled_at >= x.s and f.handled_at < x.e) as handled,
  count(*) filter (where f.handled_at >= x.s and f.handled_at < x.e and f.handled_at <= f.due_at) as handled_on_time,
  count(*) filter (where f.received_at < x.e and (f.handled_at is null or f.handled_at >= x.e)) as pending
from scoped f cross join params x
