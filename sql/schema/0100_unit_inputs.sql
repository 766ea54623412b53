-- 0100 unit inputs: what a unit writes itself for a report (narrative sections and the appendix indicators that
-- are not in the dossier warehouse, domain.md §4.2–4.3), per unit, report kind, period and field.
--
-- unit_input holds the current value of each field; a cleared field has no row. unit_input_history keeps every
-- change (who, when, old and new value) and is append-only: a trigger refuses UPDATE, DELETE and TRUNCATE.
-- Values are canonical text written by Reporting.Worker/Inputs (integers "1234", percentages "88.04", dates
-- "2026-12-05", text as typed, NFC); markup in text is never interpreted here or anywhere downstream.
-- unit_code is an agency code or 'province' (the consolidated report); it is not a foreign key because the
-- agency registry is re-imported, and the application checks it.

create table unit_input (
  unit_code   text not null,
  kind        text not null check (kind in ('quarter', 'half', 'nine-months', 'annual', 'adhoc')),
  period_code text not null,
  field_code  text not null,
  value       text not null check (value <> ''),
  updated_at  timestamptz not null default now(),
  updated_by  text not null check (updated_by <> ''),
  primary key (unit_code, kind, period_code, field_code)
);
create index unit_input_period_idx on unit_input (kind, period_code);

create table unit_input_history (
  id          bigint generated always as identity primary key,
  unit_code   text not null,
  kind        text not null,
  period_code text not null,
  field_code  text not null,
  old_value   text,                              -- null: the field was empty
  new_value   text,                              -- null: the field was cleared
  author      text not null check (author <> ''),
  changed_at  timestamptz not null default now(),
  action      text not null check (action in ('edit', 'import', 'copy_forward', 'seed')),
  check (old_value is distinct from new_value)
);
create index unit_input_history_key_idx on unit_input_history (unit_code, kind, period_code, field_code, id);

create function unit_input_history_is_append_only()
returns trigger
language plpgsql
as $$
begin
  raise exception 'unit_input_history chỉ được ghi thêm; không được % (append-only)', tg_op
    using errcode = 'insufficient_privilege';
end
$$;

create trigger unit_input_history_append_only
  before update or delete on unit_input_history
  for each row execute function unit_input_history_is_append_only();

create trigger unit_input_history_no_truncate
  before truncate on unit_input_history
  for each statement execute function unit_input_history_is_append_only();

-- Inputs fingerprint: SHA-256 (hex) over the current values of one unit, kind and period, in field-code order
-- (bytewise), each as field_code, U+001F, value, U+001E, after the tag 'unit-inputs/1' and U+001E. No inputs
-- gives the hash of the tag alone. The C# InputFingerprint.Compute gives the same hex; the report's data
-- fingerprint folds this in, so a changed input makes a new report version.
create function unit_inputs_fingerprint(p_unit text, p_kind text, p_period text)
returns text
language sql stable
as $$
  select encode(sha256(convert_to(
    'unit-inputs/1' || chr(30) || coalesce(string_agg(i.field_code || chr(31) || i.value || chr(30), '' order by i.field_code collate "C"), ''),
    'UTF8')), 'hex')
  from unit_input i
  where i.unit_code = p_unit and i.kind = p_kind and i.period_code = p_period
$$;
