-- The runs that produced a version (to resume them after the signed PDF is imported). @version_id
select id from report_run where version_id = @version_id
