-- Request queue: the request is answered by product @product_id (@reused: made earlier for an identical
-- request). @id, @product_id, @reused
update adhoc_request
set state = 'done', progress = 100, stage = 'xong', product_id = @product_id, reused = @reused,
    finished_at = now(), lease_until = null
where id = @id
