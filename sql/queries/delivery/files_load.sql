-- Delivery: the files of a version, in name order. @id.
select f.file_name as filename, f.content_type as contenttype, f.content
from delivery_file f
where f.report_version_id = @id
order by f.file_name
