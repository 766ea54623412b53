-- A version is issued: it becomes the current one and every earlier version of the same report is superseded.
-- @id
with issued as (
  update report_version set state = 'issued', issued_at = coalesce(issued_at, now())
  where id = @id and state in ('issuing', 'awaiting_signature', 'issued')
  returning kind, period, unit_code, version
),
superseded as (
  update report_version v set state = 'superseded'
  from issued i
  where v.kind = i.kind and v.period = i.period and v.unit_code = i.unit_code and v.version < i.version
    and v.state in ('issued', 'awaiting_signature')
  returning v.id
)
select (select count(*) from issued) as issued, (select count(*) from superseded) as superseded
