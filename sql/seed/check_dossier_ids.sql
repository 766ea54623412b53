-- Seed: the identity range the COPY actually drew, to check it against the one the events assumed.
-- Parameters: @after bigint (the value reserve_dossier_ids returned).
select count(*) as rows, coalesce(min(id), 0) as first_id, coalesce(max(id), 0) as last_id
from dossier
where id > @after
