-- archive: every official draft (to name the run a foreign signed file was drafted for).
select *
from archive_entry
where role = 'draft_pdf'
order by id
