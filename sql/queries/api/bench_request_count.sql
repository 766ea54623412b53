-- bench adhoc: how many ad hoc requests the database has seen (each run starts its windows from another day, so a
-- second run on the same database is not answered by the first one's reports).
select count(*) from adhoc_request
