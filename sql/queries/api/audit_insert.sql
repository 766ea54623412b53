-- Audit: one API request or download.
-- @key_prefix, @unit_code, @role, @method, @route, @report_id, @archive_entry_id, @status_code
insert into api_audit (key_prefix, unit_code, role, method, route, report_id, archive_entry_id, status_code)
values (@key_prefix, @unit_code, @role, @method, @route, @report_id, @archive_entry_id, @status_code)
