-- Unit inputs: is @unit_code a unit inputs may be kept for: an agency (current or past) or 'province' (the
-- consolidated report, written by Sở Nội vụ)?
-- @unit_code text
select exists (select 1 from agency a where a.code = @unit_code) or @unit_code = 'province' as known
