-- Import agencies: upsert by code; only rows that differ are updated (parents follow in merge_agency_parents).
-- Returns the number of agencies inserted and updated. No parameters.
with merged as (
  insert into agency as t (code, name, short_name, level, kind, symbol, province_name, email, valid_from, valid_to)
  select s.code, s.name, s.short_name, s.level, s.kind, s.symbol, s.province_name, s.email, s.valid_from, s.valid_to
  from stage_agencies s
  on conflict (code) do update set
    name = excluded.name, short_name = excluded.short_name, level = excluded.level, kind = excluded.kind,
    symbol = excluded.symbol, province_name = excluded.province_name, email = excluded.email,
    valid_from = excluded.valid_from, valid_to = excluded.valid_to
  where (t.name, t.short_name, t.level, t.kind, t.symbol, t.province_name, t.email, t.valid_from, t.valid_to)
        is distinct from
        (excluded.name, excluded.short_name, excluded.level, excluded.kind, excluded.symbol, excluded.province_name,
         excluded.email, excluded.valid_from, excluded.valid_to)
  returning (xmax = 0) as inserted
),
counted as (
  select count(*) filter (where m.inserted) as inserted, count(*) filter (where not m.inserted) as updated
  from merged m
)
select c.inserted, c.updated from counted c
