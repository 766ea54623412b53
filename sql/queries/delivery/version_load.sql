-- Delivery: a version and its files as handed to delivery, for a retry. @id.
select v.detail::text as detail
from delivery_version v
where v.report_version_id = @id
