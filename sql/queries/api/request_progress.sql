-- Request queue: progress of a running request (never backwards); progress renews the lease.
-- @id, @progress, @stage, @lease_seconds
update adhoc_request
set progress = greatest(progress, @progress), stage = @stage,
    lease_until = now() + make_interval(secs => @lease_seconds)
where id = @id and state = 'running'
