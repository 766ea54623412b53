using Hangfire;
using Hangfire.Server;
using Reporting.Worker.Calendar;
using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Jobs;

/// <summary>
/// A cycle occurrence: record it once (unique kind and period), make one run per unit, and enqueue one thin
/// <see cref="UnitJob"/> per unit run. The runs are claimed with this job's id, so a second firing, a second
/// scheduler or a duplicate delivery of this job enqueues nothing twice; a Hangfire retry of this same job
/// finishes what it claimed.
/// </summary>
public sealed class CycleJob(RunStore store, IBackgroundJobClient jobs, ReportingSchedule schedule, TimeProvider clock)
{
    /// <summary>The recurring entry point: the period comes from the calendar (due date minus lead days).</summary>
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [10, 60, 300, 900, 3600])]
    [JobDisplayName("Chu kỳ báo cáo {0}")]
    public async Task ScheduledAsync(string kind, PerformContext? context, CancellationToken cancellationToken)
    {
        var period = schedule.PeriodDue(kind, CivilTime.DateOf(clock.GetUtcNow()));
        if (period is null)
        {
            return; // outside every period's window for this kind: nothing to generate today
        }

        await StartAsync(kind, period, context, cancellationToken);
    }

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [10, 60, 300, 900, 3600])]
    [JobDisplayName("Chu kỳ báo cáo {0} {1}")]
    public async Task StartAsync(string kind, string period, PerformContext? context, CancellationToken cancellationToken)
    {
        var parsed = Period.Parse(Period.ParseKind(kind), period);
        var cycle = await store.OpenCycleAsync(kind, parsed.Code, "schedule", cancellationToken);
        await store.EnsureRunsAsync(cycle.Id, parsed, cancellationToken);
        var token = "claim:" + (context?.BackgroundJob.Id ?? Guid.NewGuid().ToString("N"));
        foreach (var runId in await store.ClaimRunsForJobsAsync(cycle.Id, token, cancellationToken))
        {
            var jobId = jobs.Enqueue<UnitJob>(j => j.RunAsync(runId, null, CancellationToken.None));
            await store.SetRunJobAsync(runId, jobId, cancellationToken);
        }

        // A cycle with no unit at all consolidates at once.
        if (await store.ClaimConsolidationAsync(cycle.Id, cancellationToken))
        {
            await UnitJob.EnqueueConsolidationAsync(store, jobs, cycle.Id, cancellationToken);
        }
    }
}
