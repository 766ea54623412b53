-- archive: one entry by id. @id
select *
from archive_entry
where id = @id
