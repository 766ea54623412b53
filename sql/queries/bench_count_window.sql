-- Benchmark baseline (docs/BENCHMARKS.md): a bare count of the dossiers received in a window, the cheapest query
-- over the same rows the annual extract reads. Row: one count. Parameters: @start, @end timestamptz.
select count(*) from dossier where received_at >= @start::timestamptz and received_at < @end::timestamptz
