-- Request queue: the request is answered by product @product_id (@reused: made earlier for an identical
-- request). Runs in the transaction that held the reuse lock since before production, so the time is the clock's,
-- not the transaction's start. @id, @product_id, @reused
update adhoc_request
set state = 'done', progress = 100, stage = 'xong', product_id = @product_id, reused = @reused,
    finished_at = clock_timestamp(), lease_until = null
where id = @id
