-- Delivery: the ledger rows of one version (or all, when @id is null), for operators and tests.
-- @id (nullable).
select d.id, d.report_version_id as reportversionid, d.channel, d.recipient, d.label, d.role, d.state,
       d.message_id as messageid, d.attempts, d.last_error as lasterror, d.next_attempt_at as nextattemptat,
       d.sent_at as sentat
from delivery d
where @id::bigint is null or d.report_version_id = @id::bigint
order by d.report_version_id, d.id
