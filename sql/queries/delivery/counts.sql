-- Delivery: the ledger of one version by state. @id.
select count(*) filter (where d.state = 'sent') as sent,
       count(*) filter (where d.state = 'failed') as failed,
       count(*) filter (where d.state in ('pending', 'sending', 'unknown')) as pending
from delivery d
where d.report_version_id = @id
