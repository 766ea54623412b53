-- 0080 report runs: cycles (one per kind and period), per-unit runs, issued versions and the document number
-- register. Exclusivity is a database fact here, not a Hangfire lock: the unique keys below decide who wins.

-- One occurrence of a reporting cycle. A second scheduler firing, a retried cycle job or a second worker all hit
-- the unique (kind, period) and continue the existing cycle instead of starting another.
create table report_cycle (
  id                      bigint generated always as identity primary key,
  kind                    text not null,
  period                  text not null,
  state                   text not null default 'running' check (state in ('running', 'done')),
  trigger                 text not null,               -- 'schedule', 'cli', 'api'
  started_at              timestamptz not null default now(),
  finished_at             timestamptz,
  consolidation_claimed_at timestamptz,                -- set once by the unit job that ended last
  consolidation_job_id    text,                        -- the Hangfire job that runs the consolidated report
  unique (kind, period)
);

-- One unit's report within a cycle ('province' is the consolidated report).
create table report_run (
  id            bigint generated always as identity primary key,
  cycle_id      bigint not null references report_cycle (id),
  unit_code     text not null,
  state         text not null default 'pending' check (state in (
                  'pending', 'extracting', 'rendering', 'signing', 'archiving', 'awaiting_signature',
                  'delivering', 'done', 'failed')),
  reason        text,                                  -- why it failed or last retried ("[CODE] message")
  attempts      integer not null default 0,            -- pipeline starts for this run (at-least-once made visible)
  version_id    bigint,
  job_id        text,                                  -- the Hangfire job that runs it, if any
  created_at    timestamptz not null default now(),
  started_at    timestamptz,
  updated_at    timestamptz not null default now(),
  finished_at   timestamptz,
  unique (cycle_id, unit_code)
);
create index report_run_state_idx on report_run (cycle_id, state);

-- Issued (or being issued) versions. Key: (kind, period, unit, template version, fingerprint). The document
-- number is allocated with the row and never changes; an 'issuing' row that a crash left behind is resumed with
-- the same number, so every allocated number ends up on an issued (or superseded) document: no gaps.
create table report_version (
  id               bigint generated always as identity primary key,
  kind             text not null,
  period           text not null,
  unit_code        text not null,
  template_version text not null,
  fingerprint      text not null,
  version          integer not null,
  issuer_code      text not null,
  document_number  integer not null,
  document_symbol  text not null,                      -- 'BC-SNV' in "15/BC-SNV"
  issue_date       date not null,
  register_year    integer not null,                   -- the register (year) the number was taken from
  signing_policy   text not null check (signing_policy in ('official', 'system')),
  state            text not null default 'issuing' check (state in ('issuing', 'awaiting_signature', 'issued', 'superseded')),
  supersedes_id    bigint references report_version (id),
  created_at       timestamptz not null default now(),
  issued_at        timestamptz,
  unique (kind, period, unit_code, template_version, fingerprint),
  unique (kind, period, unit_code, version),
  unique (issuer_code, register_year, document_number)
);
alter table report_run add foreign key (version_id) references report_version (id);

-- The register (sổ đăng ký văn bản đi) of each issuer, per year.
create table document_number_sequence (
  issuer_code text not null,
  year        integer not null,
  last_number integer not null default 0 check (last_number >= 0),
  primary key (issuer_code, year)
);

-- Finds or creates the version for a key, in one transaction:
--   1. the exact key exists: return it (a retry after any crash);
--   2. an unfinished ('issuing') version of the same report exists with other data: it was never issued, so it
--      is re-keyed to the new data and keeps its number (no gap, nothing published is overwritten);
--   3. otherwise: lock the issuer's register row, take the next number, insert the version.
-- An advisory lock on the report serialises concurrent callers for the same report (two workers, a retry).
create function report_version_obtain(
  p_kind text, p_period text, p_unit text, p_template text, p_fingerprint text,
  p_issuer text, p_symbol text, p_issue_date date, p_policy text)
returns setof report_version
language plpgsql
as $$
declare
  v report_version;
  next_number integer;
begin
  perform pg_advisory_xact_lock(hashtextextended('report_version:' || p_kind || '/' || p_period || '/' || p_unit, 0));

  select * into v from report_version
  where kind = p_kind and period = p_period and unit_code = p_unit
    and template_version = p_template and fingerprint = p_fingerprint;
  if found then
    return next v;
    return;
  end if;

  update report_version set template_version = p_template, fingerprint = p_fingerprint, signing_policy = p_policy
  where kind = p_kind and period = p_period and unit_code = p_unit and state = 'issuing'
  returning * into v;
  if found then
    return next v;
    return;
  end if;

  insert into document_number_sequence (issuer_code, year) values (p_issuer, extract(year from p_issue_date)::integer)
  on conflict do nothing;
  update document_number_sequence set last_number = last_number + 1
  where issuer_code = p_issuer and year = extract(year from p_issue_date)::integer
  returning last_number into next_number;

  insert into report_version (kind, period, unit_code, template_version, fingerprint, version, issuer_code,
                              document_number, document_symbol, issue_date, register_year, signing_policy, supersedes_id)
  select p_kind, p_period, p_unit, p_template, p_fingerprint,
         coalesce((select max(version) from report_version
                   where kind = p_kind and period = p_period and unit_code = p_unit), 0) + 1,
         p_issuer, next_number, p_symbol, p_issue_date, extract(year from p_issue_date)::integer, p_policy,
         (select id from report_version
          where kind = p_kind and period = p_period and unit_code = p_unit and state in ('issued', 'awaiting_signature')
          order by version desc limit 1)
  returning * into v;
  return next v;
end
$$;
