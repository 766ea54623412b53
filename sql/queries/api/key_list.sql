-- API keys: every key, newest first (never the secret). No parameters.
select k.prefix, k.unit_code as UnitCode, k.role, k.created_at as CreatedAt, k.revoked_at as RevokedAt
from api_key k
order by k.created_at desc, k.id desc
