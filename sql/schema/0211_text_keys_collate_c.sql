-- 0211 byte-order collation on the text keys that are indexed: dossier.code (unique), dossier_event.kind
-- (dossier_event_kind_idx) and feedback.code (unique). The cluster's locale is C.UTF-8, whose collation PostgreSQL
-- compares through the C library (strcoll, no abbreviated keys) even though C.UTF-8 orders by code point; "C"
-- compares bytes, which gives the same order for UTF-8 text and makes the index builds of a seed (and every insert)
-- cheaper (docs/DATA.md, "Speed"). No table is rewritten; the three indexes are rebuilt.
alter table dossier alter column code type text collate "C";
alter table dossier_event alter column kind type text collate "C";
alter table feedback alter column code type text collate "C";
