-- One version. @id
select id, kind, period, unit_code as UnitCode, template_version as TemplateVersion, fingerprint, version,
       issuer_code as IssuerCode, document_number as DocumentNumber, document_symbol as DocumentSymbol,
       issue_date as IssueDate, signing_policy as SigningPolicy, state
from report_version where id = @id
