-- archive: the official draft of a report version, for `archive import --run`. @report_version_id
select *
from archive_entry
where report_version_id = @report_version_id
  and role = 'draft_pdf'
