using Hangfire;
using Hangfire.Server;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Jobs;

/// <summary>
/// One unit's report as a Hangfire job: a run id in, one pipeline call. Transient failures retry with backoff
/// (<see cref="MaxRetries"/>); a <see cref="ReportingException"/> is not retried and ends the run as failed with
/// its reason, and the cycle goes on. When a unit run ends, the one that ends last (a database fact) enqueues the
/// consolidated report exactly once; the consolidated run closes the cycle.
/// </summary>
public sealed class UnitJob(RunStore store, ReportPipeline pipeline, IBackgroundJobClient jobs)
{
    public const int MaxRetries = 5;

    [AutomaticRetry(Attempts = MaxRetries, DelaysInSeconds = [10, 60, 300, 900, 3600],
        ExceptOn = [typeof(ReportingException)], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Báo cáo đơn vị (run {0})")]
    public async Task RunAsync(long runId, PerformContext? context, CancellationToken cancellationToken)
    {
        var run = await store.RunAsync(runId, cancellationToken)
            ?? throw new ReportingException(ErrorCodes.RunUnknown, $"Không có lần chạy {runId}.");
        var key = new ReportKey(Calendar.Period.ParseKind(run.Kind), run.Period, run.UnitCode);
        try
        {
            await pipeline.RunAsync(new ReportRequest(key), runId, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not ReportingException && !Failures.IsTransient(ex))
        {
            // A defect or another permanent failure: recorded, not retried.
            await EndAsync(run, ReportPipeline.Reason(ex), CancellationToken.None);
            throw new ReportingException(ErrorCodes.RunFailed, $"{key}: {ex.Message}", ex);
        }
        catch (ReportingException)
        {
            await AfterEndAsync(run, CancellationToken.None);
            throw;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (context?.GetJobParameter<int>("RetryCount") ?? MaxRetries) >= MaxRetries)
        {
            // The last transient failure: no retry follows, so the run ends as failed.
            await EndAsync(run, "hết số lần thử lại: " + ReportPipeline.Reason(ex), CancellationToken.None);
            throw;
        }

        await AfterEndAsync(run, cancellationToken);
    }

    private async Task EndAsync(RunRow run, string reason, CancellationToken ct)
    {
        await store.StepAsync(run.Id, "failed", reason: reason, ct: ct);
        await AfterEndAsync(run, ct);
    }

    private async Task AfterEndAsync(RunRow run, CancellationToken ct)
    {
        if (run.UnitCode == ReportKey.Province)
        {
            await store.FinishCycleAsync(run.CycleId, ct);
            return;
        }

        if (await store.ClaimConsolidationAsync(run.CycleId, ct))
        {
            await EnqueueConsolidationAsync(store, jobs, run.CycleId, ct);
        }
    }

    internal static async Task EnqueueConsolidationAsync(RunStore store, IBackgroundJobClient jobs, long cycleId, CancellationToken ct)
    {
        var province = (await store.CycleRunsAsync(cycleId, ct)).Single(r => r.UnitCode == ReportKey.Province);
        var jobId = jobs.Enqueue<UnitJob>(j => j.RunAsync(province.Id, null, CancellationToken.None));
        await store.SetConsolidationJobAsync(cycleId, jobId, ct);
        await store.SetRunJobAsync(province.Id, jobId, ct);
    }
}
