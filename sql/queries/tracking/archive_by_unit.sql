-- Tracking: per unit, what the archive holds for a period: an official draft waiting for its signatures
-- (draft_pdf 'awaiting_signature') or an issued PDF (issued_pdf 'issued', system-sealed or imported). Superseded
-- and signed rows are history: the newest live entry of the newest version speaks for the unit.
-- @kind: report kind ('annual', ...); @period: period code ('2026').
with live as (
  select e.unit_code, e.version, e.role, e.state, e.document_number, e.issue_date,
         row_number() over (partition by e.unit_code
                            order by e.version desc, case e.role when 'issued_pdf' then 0 else 1 end, e.id desc) as newest_first
  from archive_entry e
  where e.kind = @kind
    and e.period_code = @period
    and ((e.role = 'draft_pdf' and e.state = 'awaiting_signature')
      or (e.role = 'issued_pdf' and e.state = 'issued'))
)
select l.unit_code as unitcode, l.role, l.version, l.document_number as documentnumber, l.issue_date as issuedate
from live l
where l.newest_first = 1
order by l.unit_code
