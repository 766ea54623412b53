-- Delivery: one ledger row per (version, channel, recipient); an existing row is left as it is, so calling
-- delivery again never re-sends what was sent and never resets what failed.
-- @id, @channel, @recipient, @label, @role, @message_id, @now.
insert into delivery (report_version_id, channel, recipient, label, role, message_id, next_attempt_at, created_at, updated_at)
values (@id, @channel, @recipient, @label, @role, @message_id, @now, @now, @now)
on conflict (report_version_id, channel, recipient) do nothing
