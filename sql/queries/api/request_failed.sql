-- Request queue: the request failed for good. @id, @error_code, @error_message
update adhoc_request
set state = 'failed', stage = 'lỗi', error_code = @error_code, error_message = @error_message,
    finished_at = now(), lease_until = null
where id = @id
