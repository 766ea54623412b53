-- Fields filter: which of the requested field (lĩnh vực) codes exist. @codes
select f.code
from field f
where f.code = any(@codes)
