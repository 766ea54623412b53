-- API key: store a new key (hash only). @prefix, @secret_sha256, @unit_code, @role
insert into api_key (prefix, secret_sha256, unit_code, role)
values (@prefix, @secret_sha256, @unit_code, @role)
returning id
