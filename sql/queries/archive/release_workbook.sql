-- archive: an official report's workbook is issued together with its signed PDF (draft -> issued).
-- @report_version_id
update archive_entry
set state = 'issued'
where report_version_id = @report_version_id
  and role = 'workbook'
  and state = 'draft'
