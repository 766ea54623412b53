-- Download: one file of a made report, addressed by product id and format only. @product_id, @format
select f.file_name as FileName, f.content_type as ContentType, f.content, f.archive_entry_id as ArchiveEntryId
from adhoc_file f
where f.product_id = @product_id
  and f.format = @format
