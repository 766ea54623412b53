-- Claims the consolidation of a cycle once every unit run has ended (done, failed or awaiting signature).
-- Exactly one caller gets a row back: the update re-checks "not yet claimed" under the row lock.
-- @cycle_id
update report_cycle c
set consolidation_claimed_at = now()
where c.id = @cycle_id
  and c.consolidation_claimed_at is null
  and not exists (
    select 1 from report_run r
    where r.cycle_id = c.id and r.unit_code <> 'province'
      and r.state not in ('done', 'failed', 'awaiting_signature'))
returning c.id
