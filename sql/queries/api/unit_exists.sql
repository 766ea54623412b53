-- API key: does a unit with this code exist (at any time)? @unitCode
select exists (select 1 from agency a where a.code = @unitCode)
