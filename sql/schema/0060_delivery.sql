-- 0060 delivery: who receives a report (per report kind and unit, on top of the configured defaults), the
-- delivery ledger (exactly once per report version, recipient and channel), the payload a retry needs without
-- the caller, and the reminder ledger (once per period, unit and reminder step).
--
-- report_version_id refers to report_version.id (worker branch); the foreign key is added by a later script
-- once that table is merged, so this script never depends on it.

-- Recipients ----------------------------------------------------------------------------------------------------
-- Rows add to the defaults of the "Delivery" configuration section; a row with enabled = false removes the
-- default with the same channel and address. report_kind null: every kind; unit_code null: every report
-- (unit reports and the consolidated one, whose unit is 'province').
create table delivery_recipient (
  id          bigint generated always as identity primary key,
  report_kind text check (report_kind in ('quarter', 'half', 'nine-months', 'annual', 'adhoc')),
  unit_code   text,
  channel     text not null check (channel in ('email', 'file_drop')),
  address     text not null,                   -- mailbox, or the drop directory
  label       text,                            -- its line in "Nơi nhận" ("Sở Tư pháp"); null: not printed
  sort_order  integer not null default 100,    -- order of the "Nơi nhận" lines (defaults use 10)
  enabled     boolean not null default true,
  unique nulls not distinct (report_kind, unit_code, channel, address)
);

-- What was handed to delivery: the version as given and its files, so a retry needs nothing but the ledger.
create table delivery_version (
  report_version_id bigint primary key,
  report_kind       text not null,
  period_code       text not null,
  unit_code         text not null,
  version           integer not null,
  issuer_code       text not null,
  document_number   text not null,             -- "15/BC-SNV"
  issue_date        date not null,
  detail            jsonb not null,            -- the whole ReportVersion
  created_at        timestamptz not null
);
create index delivery_version_period_idx on delivery_version (report_kind, period_code, unit_code);

create table delivery_file (
  report_version_id bigint not null references delivery_version (report_version_id),
  file_name         text not null,
  content_type      text not null,
  sha256            text not null,             -- hex, lower case
  size              bigint not null,
  content           bytea not null,
  primary key (report_version_id, file_name)
);

-- The ledger --------------------------------------------------------------------------------------------------
-- One row per (version, channel, recipient): the unique key is the exactly-once guarantee. Workers claim due
-- rows with "for update skip locked" and move them to 'sending' under a lease; a lease that runs out means the
-- worker died mid-send and the row becomes 'unknown' (see README, Delivery).
create table delivery (
  id                bigint generated always as identity primary key,
  report_version_id bigint not null references delivery_version (report_version_id),
  channel           text not null check (channel in ('email', 'file_drop')),
  recipient         text not null,             -- mailbox (lower case) or directory (full path)
  label             text,
  role              text not null check (role in ('superior', 'own_copy', 'extra', 'file_drop')),
  state             text not null default 'pending' check (state in ('pending', 'sending', 'sent', 'failed', 'unknown')),
  message_id        text,                      -- e-mail: deterministic from (version, recipient)
  attempts          integer not null default 0,
  last_error        text,                      -- the server's reply or the exception, for the operator
  next_attempt_at   timestamptz not null,
  lease_until       timestamptz,
  created_at        timestamptz not null,
  updated_at        timestamptz not null,
  sent_at           timestamptz,
  unique (report_version_id, channel, recipient),
  check (state <> 'sent' or sent_at is not null)
);
create index delivery_due_idx on delivery (next_attempt_at) where state in ('pending', 'sending', 'unknown');

-- Reminders -----------------------------------------------------------------------------------------------------
-- One row per (kind, period, unit, step): a reminder step is e-mailed once, however often the scheduler runs.
create table delivery_reminder (
  id              bigint generated always as identity primary key,
  report_kind     text not null,
  period_code     text not null,
  unit_code       text not null,
  step_days       integer not null check (step_days >= 0),
  due_date        date not null,
  recipient       text not null,
  message_id      text not null,
  state           text not null default 'pending' check (state in ('pending', 'sending', 'sent', 'failed', 'unknown')),
  attempts        integer not null default 0,
  last_error      text,
  next_attempt_at timestamptz not null,
  lease_until     timestamptz,
  created_at      timestamptz not null,
  sent_at         timestamptz,
  unique (report_kind, period_code, unit_code, step_days)
);
