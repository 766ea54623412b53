-- Seed: the agencies of the synthetic province; existing codes are left as they are.
-- Parameters: @code, @name, @short_name, @level, @kind, @symbol, @province_name, @email (text[]),
-- @valid_from (date[]), @valid_to (date[], nulls allowed).
insert into agency (code, name, short_name, level, kind, symbol, province_name, email, valid_from, valid_to)
select * from unnest(@code::text[], @name::text[], @short_name::text[], @level::text[], @kind::text[], @symbol::text[],
                     @province_name::text[], @email::text[], @valid_from::date[], @valid_to::date[])
on conflict (code) do nothing
