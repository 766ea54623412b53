-- bench adhoc: when each request was queued, last claimed and answered (seconds since the epoch). @ids uuid[]
select r.id,
       extract(epoch from r.created_at)::float8 as Created,
       extract(epoch from r.started_at)::float8 as Started,
       extract(epoch from r.finished_at)::float8 as Finished
from adhoc_request r
where r.id = any(@ids)
