-- Request queue: claim the oldest queued request, or a running one whose lease ran out (its worker died), for
-- @lease_seconds. Safe with many workers: skip locked. @lease_seconds, @max_attempts
with next as (
  select r.id
  from adhoc_request r
  where (r.state = 'queued' or (r.state = 'running' and r.lease_until < now()))
    and r.attempts < @max_attempts
  order by r.created_at
  limit 1
  for update skip locked
)
update adhoc_request r
set state = 'running',
    attempts = r.attempts + 1,
    started_at = now(),
    lease_until = now() + make_interval(secs => @lease_seconds),
    stage = 'bắt đầu'
from next
where r.id = next.id
returning r.id, (select a.id from agency a
                  where a.code = r.unit_code and a.valid_from <= r.date_to and (a.valid_to is null or a.valid_to > r.date_from)
                  order by a.valid_from desc limit 1) as UnitId,
          r.unit_code as UnitCode, r.kind, r.period_code as PeriodCode, r.date_from as DateFrom,
          r.date_to as DateTo, r.field_codes as FieldCodes, r.formats, r.request_hash as RequestHash
