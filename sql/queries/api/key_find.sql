-- API key: the live (not revoked) key with this public prefix, for authentication. @prefix
select k.id, k.prefix, k.secret_sha256 as SecretSha256, k.unit_code as UnitCode, k.role
from api_key k
where k.prefix = @prefix
  and k.revoked_at is null
