-- Seed: signatories per agency. Title lines travel as one text joined by '|' (arrays of arrays are not ragged).
-- Parameters: @code, @titles, @full_name (text[]), @rank (int[]), @valid_from, @valid_to (date[]).
with input as (
  select * from unnest(@code::text[], @rank::int[], @titles::text[], @full_name::text[], @valid_from::date[], @valid_to::date[])
    as i (code, rank, titles, full_name, valid_from, valid_to)
)
insert into agency_signatory (agency_id, rank, title_lines, full_name, valid_from, valid_to)
select a.id, i.rank, string_to_array(i.titles, '|'), i.full_name, i.valid_from, i.valid_to
from input i
join agency a on a.code = i.code
on conflict do nothing
