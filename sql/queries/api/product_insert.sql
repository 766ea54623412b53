-- Reuse: record a made report; a concurrent identical one wins and its id is returned.
-- created_at is the clock's (the transaction began before production). @request_hash, @fingerprint,
-- @report_version_id, @producer
with inserted as (
  insert into adhoc_product (request_hash, fingerprint, report_version_id, producer, created_at)
  values (@request_hash, @fingerprint, @report_version_id, @producer, clock_timestamp())
  on conflict (request_hash, fingerprint) do nothing
  returning id, true as created
)
select id, created from inserted
union all
select p.id, false from adhoc_product p
where p.request_hash = @request_hash and p.fingerprint = @fingerprint
  and not exists (select 1 from inserted)
