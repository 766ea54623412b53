-- Unit inputs over HTTP (issue 10): the audit log names what an inputs request read or changed (unit, kind and
-- period, e.g. "A/quarter/2026-Q3"); the route pattern alone does not. Nullable: report requests keep report_id.
-- The table stays append-only (0120's triggers refuse update, delete and truncate).
alter table api_audit add column subject text;

comment on column api_audit.subject is 'what a non-report request was about, e.g. unit/kind/period of unit inputs';
