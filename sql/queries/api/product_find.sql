-- Reuse: the report already made for identical parameters over the same data. @request_hash, @fingerprint
select p.id
from adhoc_product p
where p.request_hash = @request_hash
  and p.fingerprint = @fingerprint
