-- Seed: the fields (lĩnh vực) of the catalogue. Parameters: @code, @name (text[]).
insert into field (code, name)
select * from unnest(@code::text[], @name::text[])
on conflict (code) do nothing
