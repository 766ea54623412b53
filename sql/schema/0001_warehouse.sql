-- 0001 warehouse: agencies over time, the TTHC catalogue, dossiers and their events, the working-day calendar,
-- feedback (phản ánh, kiến nghị) and CCHC plan tasks.
--
-- Conventions: every instant is timestamptz (civil time is Asia/Ho_Chi_Minh, UTC+7, no DST); every validity is
-- a half-open date interval [valid_from, valid_to) with valid_to null while the row is current; codes are opaque
-- strings kept as given; names are Vietnamese in NFC.

-- Agencies ------------------------------------------------------------------------------------------------------
-- One row per unit for as long as it exists under that identity. A merger ends the predecessors (valid_to) and
-- starts the successor; agency_lineage links them. The 2025 reform ended districts on 2025-07-01.
create table agency (
  id            integer generated always as identity primary key,
  code          text not null unique,
  name          text not null,                 -- "Sở Nội vụ", "Ủy ban nhân dân xã Vĩnh Hòa"
  short_name    text,                          -- used in tables where the full name is too long
  level         text not null check (level in ('province', 'district', 'commune')),
  kind          text not null check (kind in ('province', 'department', 'district', 'commune', 'one_stop_centre')),
  symbol        text,                          -- issuer abbreviation in document numbers: 'SNV' in "15/BC-SNV"
  province_name text not null,                 -- the province named in its headers and date lines, e.g. 'An Giang'
  email         text,
  valid_from    date not null,
  valid_to      date,
  check (valid_to is null or valid_to > valid_from)
);
create index agency_valid_idx on agency (valid_from, valid_to);

-- Parents change over time (a commune's parent was its district until 2025-06-30, the province afterwards).
create table agency_parent (
  agency_id  integer not null references agency (id),
  parent_id  integer not null references agency (id),
  valid_from date not null,
  valid_to   date,
  primary key (agency_id, valid_from),
  check (valid_to is null or valid_to > valid_from),
  check (agency_id <> parent_id)
);
create index agency_parent_parent_idx on agency_parent (parent_id, valid_from);

-- Lineage: predecessor -> successor from effective_on. Many-to-one for a merger, one-to-many for a split.
create table agency_lineage (
  predecessor_id integer not null references agency (id),
  successor_id   integer not null references agency (id),
  effective_on   date not null,
  change_kind    text not null check (change_kind in ('merge', 'split', 'rename', 'absorb', 'reorganise')),
  primary key (predecessor_id, successor_id),
  check (predecessor_id <> successor_id)
);
create index agency_lineage_successor_idx on agency_lineage (successor_id);

-- Units that exist on a date.
create function agency_units_on(p_on date)
returns setof agency
language sql stable
as $$
  select a.* from agency a
  where a.valid_from <= p_on and (a.valid_to is null or a.valid_to > p_on)
$$;

-- The units that carry agency p_agency on date p_on: itself if it still exists then, else its successors
-- (followed through as many reorganisations as there were).
create function agency_successors_on(p_agency integer, p_on date)
returns setof integer
language sql stable
as $$
  with recursive walk (id) as (
    select p_agency
    union
    select l.successor_id from agency_lineage l join walk w on l.predecessor_id = w.id
  )
  select w.id from walk w join agency a on a.id = w.id
  where a.valid_from <= p_on and (a.valid_to is null or a.valid_to > p_on)
$$;

-- The units whose figures make up agency p_agency on date p_on: itself if it existed then, else its predecessors.
-- "Same period last year" for a merged commune is the sum over these.
create function agency_predecessors_on(p_agency integer, p_on date)
returns setof integer
language sql stable
as $$
  with recursive walk (id) as (
    select p_agency
    union
    select l.predecessor_id from agency_lineage l join walk w on l.successor_id = w.id
  )
  select w.id from walk w join agency a on a.id = w.id
  where a.valid_from <= p_on and (a.valid_to is null or a.valid_to > p_on)
$$;

-- The unit and everything under it on a date (a department with its branches; the province with all units).
create function agency_subtree_on(p_agency integer, p_on date)
returns setof integer
language sql stable
as $$
  with recursive tree (id) as (
    select p_agency
    union
    select p.agency_id from agency_parent p join tree t on p.parent_id = t.id
    where p.valid_from <= p_on and (p.valid_to is null or p.valid_to > p_on)
  )
  select id from tree
$$;

-- TTHC catalogue ------------------------------------------------------------------------------------------------
create table field (                           -- lĩnh vực: đất đai, hộ tịch, ...
  id   integer generated always as identity primary key,
  code text not null unique,
  name text not null
);

create table procedure (
  id             integer generated always as identity primary key,
  code           text not null unique,         -- mã TTHC on the national database, e.g. '1.004227'
  name           text not null,
  field_id       integer not null references field (id),
  level          text not null check (level in ('province', 'district', 'commune')),
  online_service text not null check (online_service in ('full', 'partial', 'none')),
  time_limit     numeric(6, 1) not null check (time_limit > 0),
  time_unit      text not null check (time_unit in ('working_day', 'day', 'hour', 'month')),
  has_fee        boolean not null default false,
  paper_result   boolean not null default true, -- the result is a paper document (766 indicators 3.3, 4.1)
  valid_from     date not null default date '2000-01-01',
  valid_to       date,
  check (valid_to is null or valid_to > valid_from)
);
create index procedure_field_idx on procedure (field_id);

-- Dossiers ------------------------------------------------------------------------------------------------------
-- Counted by the deciding agency (product decision 1). received_at is when a complete, valid dossier was accepted;
-- due_at is the appointment date (ngày hẹn trả) including any lawful extension or apology re-appointment.
-- closed_at is when processing ended, by a result or without one; null while in progress.
create table dossier (
  id                  bigint generated always as identity primary key,
  code                text not null unique,     -- opaque; never parsed for the agency hierarchy
  procedure_id        integer not null references procedure (id),
  receiving_agency_id integer not null references agency (id),
  deciding_agency_id  integer not null references agency (id),
  channel             smallint not null check (channel in (1, 2, 3)), -- 1 trực tiếp, 2 trực tuyến, 3 bưu chính
  received_at         timestamptz not null,
  due_at              timestamptz,
  finished_at         timestamptz,              -- result ready: "đã giải quyết"
  returned_at         timestamptz,              -- result handed back to the applicant
  ended_at            timestamptz,              -- withdrawn, stopped or refused at
  state               text not null check (state in ('in_progress', 'resolved', 'withdrawn', 'stopped', 'refused')),
  has_fee             boolean not null default false,
  paid_online         boolean not null default false,
  result_digitised    boolean not null default false,
  reused_digitised    boolean not null default false,
  rating              smallint check (rating between 1 and 5), -- citizen's rating, 1 (very unhappy) to 5
  updated_at          timestamptz not null default now(),
  closed_at           timestamptz generated always as (coalesce(finished_at, ended_at)) stored,
  check (state <> 'resolved' or finished_at is not null),
  check (state not in ('withdrawn', 'stopped', 'refused') or ended_at is not null)
);
-- Windows are ranges of received_at over an append-mostly table: BRIN is a fraction of a btree's size and
-- measured faster for year-long ranges (design.md).
create index dossier_received_brin on dossier using brin (received_at);
create index dossier_deciding_received_idx on dossier (deciding_agency_id, received_at);
-- "In progress at the end of the window" is a snapshot: dossiers received before it and closed after it, or open.
create index dossier_closed_idx on dossier (closed_at);
create index dossier_open_idx on dossier (deciding_agency_id) where closed_at is null;

create table dossier_event (
  id          bigint generated always as identity primary key,
  dossier_id  bigint not null references dossier (id) on delete cascade,
  kind        text not null check (kind in (
                'supplement_requested', 'supplement_completed', 'apology_issued',
                'refused', 'stopped', 'withdrawn', 'resolved', 'returned')),
  occurred_at timestamptz not null,
  new_due_at  timestamptz,                      -- apology_issued: the new appointment date
  note        text,
  check (kind <> 'apology_issued' or new_due_at is not null)
);
create index dossier_event_dossier_idx on dossier_event (dossier_id, occurred_at);

-- Working-day calendar ------------------------------------------------------------------------------------------
-- Exceptions to "Monday to Friday": public holidays, compensatory days off, and Saturdays worked in exchange.
create table calendar_day (
  day  date primary key,
  kind text not null check (kind in ('holiday', 'day_off', 'working_day')),
  name text not null
);

create function is_working_day(p_day date)
returns boolean
language sql stable
as $$
  select coalesce(
    (select c.kind = 'working_day' from calendar_day c where c.day = p_day),
    extract(isodow from p_day) < 6)
$$;

-- p_days working days after p_start (p_days >= 0; 0 returns p_start itself, or the next working day).
create function add_working_days(p_start date, p_days integer)
returns date
language plpgsql stable
as $$
declare
  d date := p_start;
  left_ integer := p_days;
begin
  while not is_working_day(d) loop
    d := d + 1;
  end loop;
  while left_ > 0 loop
    d := d + 1;
    if is_working_day(d) then
      left_ := left_ - 1;
    end if;
  end loop;
  return d;
end
$$;

-- Feedback and plan tasks ---------------------------------------------------------------------------------------
create table feedback (                        -- phản ánh, kiến nghị (PAKN)
  id          bigint generated always as identity primary key,
  code        text not null unique,
  agency_id   integer not null references agency (id),
  topic       text not null check (topic in ('regulation', 'conduct', 'procedure', 'other')),
  received_at timestamptz not null,
  due_at      timestamptz not null,
  handled_at  timestamptz,
  satisfied   boolean
);
create index feedback_agency_received_idx on feedback (agency_id, received_at);

create table plan_task (                       -- nhiệm vụ trong kế hoạch CCHC
  id           bigint generated always as identity primary key,
  agency_id    integer not null references agency (id),
  plan_year    integer not null,
  code         text not null,
  title        text not null,
  due_on       date not null,
  completed_on date,
  output       text,
  unique (agency_id, plan_year, code)
);
create index plan_task_due_idx on plan_task (due_on);
