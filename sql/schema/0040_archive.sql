-- 0040 archive: one row per archived file (the official draft, the issued PDF, the workbook) of a report version.
-- Content lives in the content-addressed store (Archive:Directory, files named by sha256); the row carries the
-- report's metadata denormalised so the archive reads on its own. report_version_id refers to the worker's
-- report_version table (issue 5), without a foreign key until both land.
--
-- Append-only: rows are never deleted, and an update may only move `state` forward along
--   draft              -> issued | superseded       (a workbook of an official report is released with the import)
--   awaiting_signature -> signed | superseded       (the official draft once its signed copy is imported)
--   issued             -> superseded                (a correction issued as a new version)
-- with every other column unchanged. A correction is a new row whose `supersedes` names the old one.

create table archive_entry (
  id                bigint generated always as identity primary key,
  report_version_id bigint not null,
  role              text not null check (role in ('draft_pdf', 'issued_pdf', 'workbook')),
  kind              text not null,                   -- quarter | half | nine-months | annual | adhoc
  period_code       text not null,                   -- 2026-Q3, 2026 …
  unit_code         text not null,                   -- agency code or 'province'
  version           integer not null check (version > 0),
  document_number   text not null,                   -- "15/BC-SNV"
  issuer_code       text not null,
  issue_date        date not null,
  state             text not null check (state in ('draft', 'awaiting_signature', 'signed', 'issued', 'superseded')),
  signature_kind    text check (signature_kind in ('official', 'system')),   -- null: unsigned file
  signer_subject    text,                            -- "CN=…, O=…": signers in signing order, ' | ' between
  chain_status      text check (chain_status in ('trusted', 'untrusted')),
  signed_at         timestamptz,
  sha256            text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size              bigint not null check (size >= 0),
  file_name         text not null,
  template_version  text not null,
  data_fingerprint  text not null,
  supersedes        bigint references archive_entry (id),
  derived_from      bigint references archive_entry (id),   -- an imported signed PDF: the draft it was signed from
  source            text not null check (source in ('generated', 'imported')),
  archived_at       timestamptz not null default now(),
  unique (report_version_id, role),
  check ((signature_kind is null) = (signer_subject is null))
);
create index archive_entry_report_idx on archive_entry (kind, period_code, unit_code, role, version);
create index archive_entry_sha_idx on archive_entry (sha256);

create function archive_entry_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'archive_entry is append-only: entry % cannot be deleted', old.id
      using errcode = 'insufficient_privilege';
  end if;
  if (to_jsonb(new) - 'state') is distinct from (to_jsonb(old) - 'state') then
    raise exception 'archive_entry is append-only: only the state of entry % may change', old.id
      using errcode = 'insufficient_privilege';
  end if;
  if new.state is distinct from old.state and not (
       (old.state = 'draft' and new.state in ('issued', 'superseded'))
    or (old.state = 'awaiting_signature' and new.state in ('signed', 'superseded'))
    or (old.state = 'issued' and new.state = 'superseded')) then
    raise exception 'archive_entry is append-only: entry % cannot go from state % to %', old.id, old.state, new.state
      using errcode = 'insufficient_privilege';
  end if;
  return new;
end;
$$;

create trigger archive_entry_append_only
  before update or delete on archive_entry
  for each row execute function archive_entry_guard();

create function archive_entry_no_truncate() returns trigger language plpgsql as $$
begin
  raise exception 'archive_entry is append-only: truncate refused' using errcode = 'insufficient_privilege';
end;
$$;

create trigger archive_entry_no_truncate
  before truncate on archive_entry
  for each statement execute function archive_entry_no_truncate();
