-- Delivery: one agency's name, document symbol and mailbox, by code (codes are unique over time).
-- @code: agency code.
select a.code, a.name, a.symbol, a.email, a.province_name as provincename
from agency a
where a.code = @code
