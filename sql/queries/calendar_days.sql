-- Working-day calendar: the exceptions to Monday–Friday between @first and @last (inclusive).
-- Parameters: @first date, @last date.
select c.day, c.kind
from calendar_day c
where c.day between @first and @last
order by c.day
