-- Benchmark data for docs/BENCHMARKS.md "annual province extract": a province of 1 + 12 departments + 100 communes,
-- 30 fields, 300 procedures and :dossiers dossiers received from 2023-12-01 to 2026-11-20 in receipt order
-- (append-mostly, as the warehouse is), deterministic (setseed). Not the product's seeder (branch warehouse):
-- only enough shape for the extract's plans. Run with psql -v dossiers=10000000 -f extract-seed.sql.
select setseed(0.42);

insert into agency (code, name, level, kind, symbol, province_name, valid_from)
values ('BENCH', 'Ủy ban nhân dân tỉnh Bench', 'province', 'province', 'UBND', 'Bench', '2000-01-01');
insert into agency (code, name, level, kind, symbol, province_name, valid_from)
select 'D' || g, 'Sở ' || g, 'province', 'department', 'S' || g, 'Bench', '2000-01-01' from generate_series(1, 12) g;
insert into agency (code, name, level, kind, symbol, province_name, valid_from)
select 'X' || g, 'Ủy ban nhân dân xã ' || g, 'commune', 'commune', 'UBND', 'Bench', '2000-01-01' from generate_series(1, 100) g;
insert into agency_parent (agency_id, parent_id, valid_from)
select a.id, (select id from agency where code = 'BENCH'), '2000-01-01' from agency a where a.code <> 'BENCH';

insert into field (code, name) select 'F' || g, 'Lĩnh vực ' || g from generate_series(1, 30) g;
insert into procedure (code, name, field_id, level, online_service, time_limit, time_unit, has_fee)
select 'P' || g, 'Thủ tục ' || g, (select id from field where code = 'F' || (1 + g % 30)),
  case when g <= 120 then 'province' else 'commune' end,
  (array['full', 'partial', 'none'])[1 + g % 3], 5, 'working_day', g % 2 = 0
from generate_series(1, 300) g;

create temporary table bench_ids as
select (select array_agg(id order by id) from agency where kind = 'department') as departments,
       (select array_agg(id order by id) from agency where kind = 'commune') as communes,
       (select array_agg(id order by id) from procedure where level = 'province') as province_procedures,
       (select array_agg(id order by id) from procedure where level = 'commune') as commune_procedures;

insert into dossier (code, procedure_id, receiving_agency_id, deciding_agency_id, channel, received_at, due_at,
  finished_at, ended_at, state, has_fee, paid_online, result_digitised)
with raw as (
  select g,
    timestamptz '2023-12-01 00:00+07' + (g::double precision / :dossiers) * interval '1085 days' + random() * interval '6 hours' as received_at,
    random() as r_unit, random() as r_proc, random() as r_state, random() as r_time, random() as r_due, random() as r_flags
  from generate_series(1, :dossiers) g
),
shaped as (
  select r.*, r.r_unit < 0.3 as at_department,
    r.received_at + (3 + floor(r.r_due * 15)) * interval '1 day' as due_at,
    case when r.r_state < 0.85 then r.received_at + r.r_time * interval '20 days' end as finish,
    case when r.r_state >= 0.85 then r.received_at + r.r_time * interval '10 days' end as ending
  from raw r
)
select 'B' || s.g,
  case when s.at_department then i.province_procedures[1 + floor(s.r_proc * 120)::int]
       else i.commune_procedures[1 + floor(s.r_proc * 180)::int] end,
  case when s.at_department then i.departments[1 + floor(s.r_unit / 0.3 * 12)::int]
       else i.communes[1 + floor((s.r_unit - 0.3) / 0.7 * 100)::int] end,
  case when s.at_department then i.departments[1 + floor(s.r_unit / 0.3 * 12)::int]
       else i.communes[1 + floor((s.r_unit - 0.3) / 0.7 * 100)::int] end,
  (1 + floor(s.r_flags * 3))::smallint,
  s.received_at, s.due_at,
  case when s.r_state >= 0.05 and s.finish < timestamptz '2026-11-21 00:00+07' then s.finish end,
  case when s.ending < timestamptz '2026-11-21 00:00+07' then s.ending end,
  case when s.r_state < 0.05 then 'in_progress'
       when s.finish is not null and s.finish < timestamptz '2026-11-21 00:00+07' then 'resolved'
       when s.ending is not null and s.ending < timestamptz '2026-11-21 00:00+07' then (array['withdrawn', 'stopped', 'refused'])[1 + floor(s.r_time * 3)::int]
       else 'in_progress' end,
  s.r_flags < 0.5, s.r_flags < 0.25, s.r_flags > 0.4
from shaped s cross join bench_ids i;

analyze;
