using Dapper;
using Reporting.Worker.Calendar;
using Reporting.Worker.Database;

namespace Reporting.Worker.Pipeline;

/// <summary>A run row with its cycle's kind and period.</summary>
public sealed record RunRow(long Id, long CycleId, string Kind, string Period, string UnitCode, string State, string? Reason, int Attempts, long? VersionId, string? JobId);

/// <summary>A cycle returned by <see cref="RunStore.OpenCycleAsync"/>: <see cref="Created"/> is true only for the caller that recorded it.</summary>
public sealed record CycleRow(long Id, string State, bool Created);

/// <summary>The database side of runs: cycles, per-unit runs, versions and document numbers (sql/pipeline).</summary>
public sealed class RunStore(Warehouse warehouse)
{
    public Warehouse Warehouse => warehouse;

    public async Task<CycleRow> OpenCycleAsync(string kind, string period, string trigger, CancellationToken ct)
    {
        await using var c = await warehouse.OpenConnectionAsync(ct);
        var command = new CommandDefinition(SqlFiles.Get("pipeline/cycle_open"), new { kind, period, trigger }, cancellationToken: ct);
        // When another caller inserted the cycle concurrently, our statement's snapshot predates its commit and
        // sees no row at all; the next statement (a new snapshot) sees it.
        return await c.QuerySingleOrDefaultAsync<CycleRow>(command) ?? await c.QuerySingleAsync<CycleRow>(command);
    }

    /// <summary>Creates the runs of a cycle (its units plus 'province'), idempotently, and returns them all.</summary>
    public async Task<IReadOnlyList<RunRow>> EnsureRunsAsync(long cycleId, Period period, CancellationToken ct)
    {
        await using var c = await warehouse.OpenConnectionAsync(ct);
        var units = (await c.QueryAsync<string>(new CommandDefinition(SqlFiles.Get("pipeline/cycle_units"), new { on = period.To }, cancellationToken: ct))).ToList();
        units.Add(ReportKey.Province);
        await c.ExecuteScalarAsync<long>(new CommandDefinition(SqlFiles.Get("pipeline/runs_create"), new { cycle_id = cycleId, units = units.ToArray() }, cancellationToken: ct));
        return await CycleRunsAsync(cycleId, ct);
    }

    public async Task<IReadOnlyList<RunRow>> CycleRunsAsync(long cycleId, CancellationToken ct)
    {
        await using var c = await warehouse.OpenConnectionAsync(ct);
        return (await c.QueryAsync<RunRow>(new CommandDefinition(SqlFiles.Get("pipeline/cycle_runs"), new { cycle_id = cycleId }, cancellationToken: ct))).ToList();
    }

    public async Task<RunRow?> RunAsync(long runId, CancellationToken ct)
    {
        await using var c = await warehouse.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(SqlFiles.Get("pipeline/run_get"), new { id = runId }, cancellationToken: ct));
    }

    public async Task<int> StartRunAsync(long runId, CancellationToken ct)
    {
        await using var c = await warehouse.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<int>(new CommandDefinition(SqlFiles.Get("pipeline/run_start"), new { id = runId }, cancellationToken: ct));
    }

    public async Task StepAsync(long? runId, string state, long? versionId = null, string? reason = null, CancellationToken ct = default)
    {
        if (runId is null)
        {
            return;
        }

        await using var c = await warehouse.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(SqlFiles.Get("pipeline/run_step"), new { id = runId, state, version_id = versionId, reason }, cancellationToken: ct));
    }

    public async Task SetRunJobAsync(long runId, string jobId, CancellationToken ct)
    {
        await using var c = await warehouse.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(SqlFiles.Get("pipeline/run_set_job"), new { id = runId, job_id = jobId }, cancellationToken: ct));
    }

    /// <summary>The unit runs this cycle job may enqueue (see sql/pipeline/runs_claim_for_jobs.sql).</summary>
    public async Task<IReadOnlyList<long>> ClaimRunsForJobsAsync(long cycleId, string token, CancellationToken ct)
    {
        await using var c = await warehouse.OpenConnectionAsync(ct);
        return (await c.QueryAsync<long>(new CommandDefinition(SqlFiles.Get("pipeline/runs_claim_for_jobs"), new { cycle_id = cycleId, token }, cancellationToken: ct))).ToList();
    }

    public async Task<IReadOnlyList<long>> UnqueuedRunsAsync(CancellationToken ct)
    {
        await using var c = await warehouse.OpenConnectionAsync(ct);
        return (await c.QueryAsync<long>(new CommandDefinition(SqlFiles.Get("pipeline/runs_unqueued"), cancellationToken: ct))).ToList();
    }

    public async Task<IReadOnlyList<long>> RunsOfVersionAsync(long versionId, CancellationToken ct)
    {
        await using var c = await warehouse.OpenConnectionAsync(ct);
        return (await c.QueryAsync<long>(new CommandDefinition(SqlFiles.Get("pipeline/run_of_version"), new { version_id = versionId }, cancellationToken: ct))).ToList();
    }

    /// <summary>Finds or creates the version of a key; the document number is allocated in the same transaction.</summary>
    public async Task<VersionRow> ObtainVersionAsync(ReportKey key, string template, string fingerprint, string issuer, string symbol, DateOnly issueDate, SigningPolicy policy, CancellationToken ct)
    {
        await using var c = await warehouse.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var row = await c.QuerySingleAsync<VersionRow>(new CommandDefinition(SqlFiles.Get("pipeline/version_obtain"), new
        {
            kind = Period.KindName(key.Kind),
            period = key.PeriodCode,
            unit = key.UnitCode,
            template,
            fingerprint,
            issuer,
            symbol,
            issue_date = issueDate,
            policy = PolicyName(policy),
        }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return row;
    }

    public async Task<VersionRow?> VersionAsync(long versionId, CancellationToken ct)
    {
        await using var c = await warehouse.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<VersionRow>(new CommandDefinition(SqlFiles.Get("pipeline/version_get"), new { id = versionId }, cancellationToken: ct));
    }

    public async Task AwaitSignatureAsync(long versionId, CancellationToken ct)
    {
        await using var c = await warehouse.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(SqlFiles.Get("pipeline/version_await_signature"), new { id = versionId }, cancellationToken: ct));
    }

    public async Task IssueAsync(long versionId, CancellationToken ct)
    {
        await using var c = await warehouse.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(SqlFiles.Get("pipeline/version_issue"), new { id = versionId }, cancellationToken: ct));
    }

    /// <summary>True for exactly one caller, once every unit run of the cycle has ended.</summary>
    public async Task<bool> ClaimConsolidationAsync(long cycleId, CancellationToken ct)
    {
        await using var c = await warehouse.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<long?>(new CommandDefinition(SqlFiles.Get("pipeline/cycle_claim_consolidation"), new { cycle_id = cycleId }, cancellationToken: ct)) is not null;
    }

    public async Task SetConsolidationJobAsync(long cycleId, string jobId, CancellationToken ct)
    {
        await using var c = await warehouse.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(SqlFiles.Get("pipeline/cycle_set_consolidation_job"), new { cycle_id = cycleId, job_id = jobId }, cancellationToken: ct));
    }

    public async Task<bool> FinishCycleAsync(long cycleId, CancellationToken ct)
    {
        await using var c = await warehouse.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<long?>(new CommandDefinition(SqlFiles.Get("pipeline/cycle_finish"), new { cycle_id = cycleId }, cancellationToken: ct)) is not null;
    }

    public async Task<IReadOnlyList<UnfinishedCycle>> UnfinishedCyclesAsync(CancellationToken ct)
    {
        await using var c = await warehouse.OpenConnectionAsync(ct);
        return (await c.QueryAsync<UnfinishedCycle>(new CommandDefinition(SqlFiles.Get("pipeline/cycles_unfinished"), cancellationToken: ct))).ToList();
    }

    public static string PolicyName(SigningPolicy policy) => policy == SigningPolicy.Official ? "official" : "system";
}

public sealed record UnfinishedCycle(long Id, string Kind, string Period, bool ConsolidationClaimed, string? ConsolidationJobId);

/// <summary>A report_version row as stored.</summary>
public sealed record VersionRow(
    long Id, string Kind, string Period, string UnitCode, string TemplateVersion, string Fingerprint, int Version,
    string IssuerCode, int DocumentNumber, string DocumentSymbol, DateOnly IssueDate, string SigningPolicy, string State)
{
    public ReportVersion ToVersion() => new(
        Id,
        new ReportKey(Calendar.Period.ParseKind(Kind), Period, UnitCode),
        Version, IssuerCode, DocumentNumber, DocumentSymbol, IssueDate, Fingerprint, TemplateVersion,
        SigningPolicy == "official" ? Pipeline.SigningPolicy.Official : Pipeline.SigningPolicy.System);
}
