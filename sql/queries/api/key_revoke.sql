-- API key: revoke by prefix (idempotent: a revoked key keeps its first revocation time). @prefix
update api_key
set revoked_at = coalesce(revoked_at, now())
where prefix = @prefix
returning prefix
