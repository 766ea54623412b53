-- Unit inputs: serialise the writers of one unit, kind and period until the end of the transaction, so that a
-- save, an import and a copy-forward never interleave their "old value" reads.
-- @unit_code, @kind, @period_code text
select pg_advisory_xact_lock(hashtextextended('unit_input:' || @unit_code || '/' || @kind || '/' || @period_code, 0))
