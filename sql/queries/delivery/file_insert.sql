-- Delivery: keeps one file of a version for later retries (once per version and file name).
-- @id, @name, @content_type, @sha256, @size, @content.
insert into delivery_file (report_version_id, file_name, content_type, sha256, size, content)
values (@id, @name, @content_type, @sha256, @size, @content)
on conflict (report_version_id, file_name) do nothing
