-- 0120 api: API keys, the ad hoc report request queue, the reports made for them (reused by identical requests)
-- and the append-only audit log of every API request and download.

-- API keys ------------------------------------------------------------------------------------------------------
-- The secret is shown once by `keys create`; only its SHA-256 is kept (the secret is 32 random bytes, so a fast
-- hash is enough). prefix is the public id printed in lists and audit rows.
create table api_key (
  id            bigint generated always as identity primary key,
  prefix        text not null unique,
  secret_sha256 bytea not null,
  unit_code     text not null references agency (code),
  role          text not null check (role in ('department', 'home-affairs', 'archivist', 'admin')),
  created_at    timestamptz not null default now(),
  revoked_at    timestamptz
);

-- Reports made for ad hoc requests ------------------------------------------------------------------------------
-- One row per (request parameters, data fingerprint): an identical request over unchanged data reuses it.
create table adhoc_product (
  id                bigint generated always as identity primary key,
  request_hash      text not null,               -- SHA-256 over unit, kind, window, fields, formats
  fingerprint       text not null,               -- the producer's data fingerprint
  report_version_id bigint,                      -- the pipeline's report version, when it made one
  producer          text not null,               -- which producer made it (the stand-in says so)
  created_at        timestamptz not null default now(),
  unique (request_hash, fingerprint)
);

create table adhoc_file (
  product_id       bigint not null references adhoc_product (id),
  format           text not null check (format in ('pdf', 'xlsx')),
  file_name        text not null,
  content_type     text not null,
  content          bytea,                        -- the bytes, or null when the archive holds them
  archive_entry_id bigint,
  sha256           text not null,
  size             bigint not null,
  primary key (product_id, format),
  check (content is not null or archive_entry_id is not null)
);

-- The request queue ---------------------------------------------------------------------------------------------
-- Ids are random UUIDs (never sequential, so an id reveals nothing about other requests). A worker claims a row
-- with `for update skip locked` and a lease; a row whose lease ran out (the worker died) is claimed again.
create table adhoc_request (
  id             uuid primary key,
  api_key_id     bigint not null references api_key (id),
  requester_unit text not null,                 -- the key's unit: "my requests" are my unit's
  unit_code      text not null,
  kind           text not null,
  period_code    text not null,
  date_from      date not null,
  date_to        date not null,
  field_codes    text[],
  formats        text[] not null,
  request_hash   text not null,
  state          text not null default 'queued' check (state in ('queued', 'running', 'done', 'failed')),
  progress       smallint not null default 0 check (progress between 0 and 100),
  stage          text,
  attempts       integer not null default 0,
  lease_until    timestamptz,
  product_id     bigint references adhoc_product (id),
  reused         boolean not null default false,
  error_code     text,
  error_message  text,
  created_at     timestamptz not null default now(),
  started_at     timestamptz,
  finished_at    timestamptz,
  check (date_from <= date_to)
);
create index adhoc_request_queue_idx on adhoc_request (created_at) where state in ('queued', 'running');
create index adhoc_request_requester_idx on adhoc_request (requester_unit, created_at desc);

-- Audit log -----------------------------------------------------------------------------------------------------
-- Every API request and download: who (key prefix, unit, role; null when no valid key was given), what (method,
-- route, report id), when, and the status code answered. Append-only: updates and deletes are refused.
create table api_audit (
  id          bigint generated always as identity primary key,
  at          timestamptz not null default now(),
  key_prefix  text,
  unit_code   text,
  role        text,
  method      text not null,
  route       text not null,
  report_id   uuid,
  status_code integer not null
);
create index api_audit_at_idx on api_audit (at);

create function api_audit_refuse_change()
returns trigger
language plpgsql
as $$
begin
  raise exception 'api_audit is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end
$$;

create trigger api_audit_append_only
before update or delete on api_audit
for each row execute function api_audit_refuse_change();

create trigger api_audit_no_truncate
before truncate on api_audit
for each statement execute function api_audit_refuse_change();
