-- Reuse: serialise the workers answering identical requests (same @request_hash) until the end of the
-- transaction, so that two identical requests claimed at the same moment render once: the second waits here, then
-- finds the first one's product. Released by commit, rollback or a dropped connection. @request_hash text
select pg_advisory_xact_lock(hashtextextended('adhoc_product:' || @request_hash, 0))
