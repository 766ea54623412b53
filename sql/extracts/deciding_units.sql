-- The deciding units a report covers: the unit and everything under it on a date (its subtree).
-- Row: one agency id. Parameters: @agency_id integer, @on date (the window's last day).
select id from agency_subtree_on(@agency_id::integer, @on::date) as s (id) order by id
