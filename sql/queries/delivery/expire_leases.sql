-- Delivery: rows left 'sending' by a worker that died (lease over). A file drop is idempotent, so it simply goes
-- back to 'pending'; an e-mail may or may not have reached the server, so it becomes 'unknown' (README, Delivery).
-- @now.
update delivery d
set state = case when d.channel = 'file_drop' then 'pending' else 'unknown' end,
    last_error = case when d.channel = 'file_drop' then d.last_error
                      else 'Tiến trình gửi dừng giữa chừng; không rõ máy chủ thư đã nhận thư hay chưa.' end,
    lease_until = null,
    next_attempt_at = @now,
    updated_at = @now
where d.state = 'sending'
  and d.lease_until < @now
