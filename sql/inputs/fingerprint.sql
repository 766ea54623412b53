-- Unit inputs: the inputs fingerprint of one unit, kind and period (see unit_inputs_fingerprint in 0100).
-- @unit_code, @kind, @period_code text
select unit_inputs_fingerprint(@unit_code, @kind, @period_code) as fingerprint
