-- Request queue: requests whose worker died once too often are failed for good (not retried forever).
-- @max_attempts
update adhoc_request
set state = 'failed', error_code = 'API_PRODUCTION_FAILED', error_message = 'Tạo báo cáo thất bại nhiều lần.',
    finished_at = now(), lease_until = null
where state = 'running' and lease_until < now() and attempts >= @max_attempts
