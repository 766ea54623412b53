-- 0170: the API audit names the archive entry an archivist downloaded (GET /api/archive/{id}/file), as it names the
-- report of a report download. Adding a nullable column leaves every existing row as it was; the append-only
-- triggers of 0120 still refuse update, delete and truncate.
alter table api_audit add column archive_entry_id bigint;
