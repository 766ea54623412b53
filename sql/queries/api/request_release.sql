-- Request queue: a worker shutting down hands its claimed request back (the claim does not count as an attempt).
-- @id
update adhoc_request
set state = 'queued', lease_until = null, attempts = greatest(attempts - 1, 0), stage = null
where id = @id and state = 'running'
