-- Reuse: one file of a made report. @product_id, @format, @file_name, @content_type, @content, @archive_entry_id,
-- @sha256, @size
insert into adhoc_file (product_id, format, file_name, content_type, content, archive_entry_id, sha256, size)
values (@product_id, @format, @file_name, @content_type, @content, @archive_entry_id, @sha256, @size)
on conflict (product_id, format) do nothing
