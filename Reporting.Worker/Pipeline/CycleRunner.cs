using Reporting.Worker.Calendar;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Pipeline;

/// <summary>One unit run's outcome in a synchronous cycle.</summary>
public sealed record RunOutcome(string UnitCode, string State, ReportVersion? Version, string? Reason);

/// <summary>
/// A cycle driven in-process (the <c>run</c> verb): record the occurrence once, make one run per unit, run each
/// through the same <see cref="ReportPipeline"/> the Hangfire jobs call, then the consolidated report, then close
/// the cycle. Running it again continues the same cycle; unchanged reports are reused, not issued again.
/// Units run <see cref="PipelineOptions.UnitConcurrency"/> at a time (each unit's pipeline is the same idempotent
/// call a Hangfire worker makes, and Hangfire already runs several at once); outcomes keep the units' order and
/// progress is reported one at a time. A transient failure of a unit (<see cref="Jobs.Failures.IsTransient"/>: the
/// database restarting, Chromium killed, an e-mail still leased by a worker that died) is retried in-process after
/// <see cref="PipelineOptions.RetryDelays"/>, as Hangfire retries a <c>UnitJob</c>; if it has not cleared after the
/// last one, the run stays <c>pending</c> with its reason and running the cycle again resumes it. A permanent
/// failure or a defect is recorded as failed with its reason. Either way the other units go on, and the verb ends
/// with RUN_INCOMPLETE instead of an unhandled exception.
/// </summary>
public sealed class CycleRunner(RunStore store, ReportPipeline pipeline, PipelineOptions? options = null)
{
    private readonly Lock _progress = new();

    public async Task<(CycleRow Cycle, IReadOnlyList<RunOutcome> Outcomes)> RunAsync(
        string kind, string periodCode, string? unit, DateTimeOffset? asOf, Action<RunOutcome>? progress, CancellationToken ct)
    {
        var reportKind = Period.ParseKind(kind);
        var period = Period.Parse(reportKind, periodCode);
        var cycle = await store.OpenCycleAsync(kind, period.Code, "cli", ct);
        var runs = await store.EnsureRunsAsync(cycle.Id, period, ct);
        var selected = unit is null ? runs : runs.Where(r => r.UnitCode == unit).ToList();
        if (selected.Count == 0)
        {
            throw new ReportingException(ErrorCodes.UnknownUnit, $"Đơn vị '{unit}' không có trong kỳ {period.Code}.");
        }

        var units = selected.Where(r => r.UnitCode != ReportKey.Province).ToList();
        var unitOutcomes = new RunOutcome[units.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, units.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options?.UnitConcurrency ?? 1, CancellationToken = ct },
            async (i, token) => unitOutcomes[i] = await RunOneAsync(units[i], reportKind, period.Code, asOf, progress, token));
        var outcomes = unitOutcomes.ToList();

        if (selected.Any(r => r.UnitCode == ReportKey.Province))
        {
            // In-process, the consolidation runs after the loop; claiming it keeps the database fact the same as
            // under Hangfire (claimed once), while the run itself is idempotent if it was claimed before.
            await store.ClaimConsolidationAsync(cycle.Id, ct);
            var province = selected.First(r => r.UnitCode == ReportKey.Province);
            outcomes.Add(await RunOneAsync(province, reportKind, period.Code, asOf, progress, ct));
            await store.FinishCycleAsync(cycle.Id, ct);
        }

        return (cycle, outcomes);
    }

    private async Task<RunOutcome> RunOneAsync(RunRow run, Templates.Model.ReportKind kind, string period, DateTimeOffset? asOf, Action<RunOutcome>? progress, CancellationToken ct)
    {
        var delays = options?.RetryDelays ?? [];
        RunOutcome outcome;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var result = await pipeline.RunAsync(new ReportRequest(new ReportKey(kind, period, run.UnitCode), asOf), run.Id, ct);
                outcome = new RunOutcome(run.UnitCode, result.State, result.Version, result.Reason);
                break;
            }
            catch (ReportingException ex)
            {
                outcome = new RunOutcome(run.UnitCode, "failed", null, ReportPipeline.Reason(ex));
                break;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && attempt < delays.Count && Jobs.Failures.IsTransient(ex))
            {
                // The pipeline left the run 'pending' with this reason; the next attempt resumes from the durable state.
                await Task.Delay(delays[attempt], ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && Jobs.Failures.IsTransient(ex))
            {
                // A fault that has not cleared after the retries (Chromium killed again, the database still away):
                // the pipeline left the run 'pending' with this reason, as a Hangfire retry would find it; the other
                // units go on and running the cycle again resumes this one (same version, same number).
                outcome = new RunOutcome(run.UnitCode, "pending", null, ReportPipeline.Reason(ex));
                break;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // A defect: recorded as failed with its reason; the other units go on.
                var reason = ReportPipeline.Reason(ex);
                outcome = new RunOutcome(run.UnitCode, "failed", null, reason);
                try
                {
                    await store.StepAsync(run.Id, "failed", reason: reason, ct: CancellationToken.None);
                }
                catch (Exception recordFailure) when (Jobs.Failures.IsTransient(recordFailure))
                {
                    // The database is away: the run stays 'pending' with the pipeline's reason.
                }

                break;
            }
        }

        lock (_progress)
        {
            progress?.Invoke(outcome);
        }

        return outcome;
    }
}
