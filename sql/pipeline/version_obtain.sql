-- Finds or creates the version of a report key, allocating its document number in the same transaction
-- (report_version_obtain, migration 0080).
-- @kind, @period, @unit, @template, @fingerprint, @issuer, @symbol, @issue_date, @policy
select id, kind, period, unit_code as UnitCode, template_version as TemplateVersion, fingerprint, version,
       issuer_code as IssuerCode, document_number as DocumentNumber, document_symbol as DocumentSymbol,
       issue_date as IssueDate, signing_policy as SigningPolicy, state
from report_version_obtain(@kind, @period, @unit, @template, @fingerprint, @issuer, @symbol, @issue_date, @policy)
