-- Audit: one API request or download. @key_prefix, @unit_code, @role, @method, @route, @report_id,
-- @archive_entry_id (an archive file served; 0170), @subject (what a request that is not about a report was
-- about, e.g. "A/quarter/2026-Q3"; 0160), @status_code
insert into api_audit (key_prefix, unit_code, role, method, route, report_id, archive_entry_id, subject, status_code)
values (@key_prefix, @unit_code, @role, @method, @route, @report_id, @archive_entry_id, @subject, @status_code)
