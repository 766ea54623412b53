-- archive: appends one entry (its content is already durable in the store). Returns the row.
-- @report_version_id @role @kind @period_code @unit_code @version @document_number @issuer_code @issue_date @state
-- @signature_kind @signer_subject @chain_status @signed_at @sha256 @size @file_name @template_version
-- @data_fingerprint @supersedes @derived_from @source
insert into archive_entry (
  report_version_id, role, kind, period_code, unit_code, version, document_number, issuer_code, issue_date, state,
  signature_kind, signer_subject, chain_status, signed_at, sha256, size, file_name, template_version,
  data_fingerprint, supersedes, derived_from, source)
values (
  @report_version_id, @role, @kind, @period_code, @unit_code, @version, @document_number, @issuer_code, @issue_date, @state,
  @signature_kind, @signer_subject, @chain_status, @signed_at, @sha256, @size, @file_name, @template_version,
  @data_fingerprint, @supersedes, @derived_from, @source)
returning *
