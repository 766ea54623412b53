using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Configuration;
using Reporting.Tests.Fixtures;
using Reporting.Tests.Pipeline;
using Reporting.Worker.Jobs;

namespace Reporting.Tests.Jobs;

/// <summary>`serve` processes sharing one database: occurrences run once, long jobs are not fetched twice.</summary>
public sealed class ServeTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private string _out = null!;

    public async Task InitializeAsync()
    {
        _db = await TestPostgres.CreateDatabaseAsync();
        await PipelineSeed.SeedAsync(_db.DataSource);
        _out = Directory.CreateTempSubdirectory("reporting-serve-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_out, recursive: true);
    }

    private Dictionary<string, string> Settings(int renderDelayMs, int invisibilitySeconds = 300) => new()
    {
        ["ConnectionStrings:Warehouse"] = _db.ConnectionString,
        ["Reporting:OutputDirectory"] = _out,
        ["Signing:Policy"] = "system",
        ["Pipeline:Stages"] = "stand-in",
        ["StandIns:RenderDelayMs"] = renderDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Hangfire:InvisibilityTimeoutSeconds"] = invisibilitySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Serve:Urls"] = $"http://127.0.0.1:{WorkerProcess.FreePort()}",
    };

    private async Task WaitForServersAsync(int count, params WorkerProcess[] workers) =>
        await Poll.UntilAsync(async () =>
                workers.All(w => !w.HasExited)
                && await TableExistsAsync()
                && await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from hangfire.server") >= count,
            TimeSpan.FromSeconds(180), () => string.Join("\n---\n", workers.Select(w => w.Output)));

    private async Task<bool> TableExistsAsync() =>
        await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from pg_tables where schemaname = 'hangfire' and tablename = 'server'") == 1;

    private BackgroundJobClient Client()
    {
        var options = HangfireStorage.Options(new ConfigurationBuilder().Build());
        return new BackgroundJobClient(new PostgreSqlStorage(new NpgsqlConnectionFactory(_db.ConnectionString, options), options));
    }

    private async Task WaitForCycleAsync(params WorkerProcess[] workers) =>
        await Poll.UntilAsync(async () => await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from report_cycle where state = 'done'") == 1,
            TimeSpan.FromSeconds(240), () => string.Join("\n---\n", workers.Select(w => w.Output)));

    [Fact]
    public async Task TwoWorkersStartedTogether_RunTheOccurrenceOnce_EvenWhenItFiresTwice()
    {
        var settingsA = Settings(200);
        await using var a = WorkerProcess.Start(settingsA, "serve");
        await using var b = WorkerProcess.Start(Settings(200), "serve");
        await WaitForServersAsync(2, a, b);

        // The dashboard answers on loopback and never shows the connection string.
        using var http = new HttpClient();
        var page = await http.GetStringAsync(settingsA["Serve:Urls"] + "/hangfire");
        Assert.Contains("Reporting", page, StringComparison.Ordinal);
        Assert.DoesNotContain(new Npgsql.NpgsqlConnectionStringBuilder(_db.ConnectionString).Password!, page, StringComparison.Ordinal);
        Assert.DoesNotContain("Host=", page, StringComparison.Ordinal);

        // Two firings of the same occurrence (a second scheduler, a duplicated trigger).
        var client = Client();
        client.Enqueue<CycleJob>(j => j.StartAsync("annual", "2026", null, CancellationToken.None));
        client.Enqueue<CycleJob>(j => j.StartAsync("annual", "2026", null, CancellationToken.None));
        await WaitForCycleAsync(a, b);

        Assert.Equal(1, await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from report_cycle"));
        Assert.Equal(4, await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from report_run where state = 'done' and attempts = 1"));
        Assert.Equal(4, await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from report_version where state = 'issued'"));
        Assert.Equal(4, await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from hangfire.job where invocationdata::text like '%UnitJob%'"));
        Assert.Equal(1, await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from report_cycle where consolidation_job_id is not null"));
    }

    [Fact]
    public async Task AJobLongerThanTheInvisibilityTimeout_IsNotRunTwice()
    {
        // Every render takes 6 s, three times the 2 s invisibility timeout; two servers compete for the jobs.
        await using var a = WorkerProcess.Start(Settings(6000, invisibilitySeconds: 2), "serve");
        await using var b = WorkerProcess.Start(Settings(6000, invisibilitySeconds: 2), "serve");
        await WaitForServersAsync(2, a, b);

        Client().Enqueue<CycleJob>(j => j.StartAsync("annual", "2026", null, CancellationToken.None));
        await WaitForCycleAsync(a, b);

        Assert.Equal(4, await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from report_run where state = 'done'"));
        Assert.Equal(4, await PipelineSeed.ScalarAsync(_db.DataSource, "select sum(attempts) from report_run"));
    }

    [Fact]
    public async Task KillOfAServeProcessMidCycle_AnotherServerFinishesIt_WithOneIssuedDocumentPerUnitAndNoGap()
    {
        await using (var doomed = WorkerProcess.Start(Settings(3000, invisibilitySeconds: 3), "serve"))
        {
            await WaitForServersAsync(1, doomed);
            Client().Enqueue<CycleJob>(j => j.StartAsync("annual", "2026", null, CancellationToken.None));
            await Poll.UntilAsync(async () => await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from report_version where state = 'issuing'") >= 1,
                TimeSpan.FromSeconds(180), () => doomed.Output);
            doomed.Crash();
        }

        await using var survivor = WorkerProcess.Start(Settings(0, invisibilitySeconds: 3), "serve");
        await WaitForCycleAsync(survivor);

        Assert.Equal(4, await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from report_version where state = 'issued'"));
        Assert.Equal(4, await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from report_version"));
        Assert.Equal(0, await PipelineSeed.ScalarAsync(_db.DataSource, """
            select count(*) from document_number_sequence s
            where s.last_number <> (select count(*) from report_version v where v.issuer_code = s.issuer_code and v.state = 'issued')
            """));
    }

    [Fact]
    public async Task APermanentFailureUnderHangfire_IsNotRetried_EndsFailedWithItsReason_AndTheCycleGoesOn()
    {
        var settings = Settings(0);
        settings["StandIns:FailUnits"] = "XA-MT";
        await using var worker = WorkerProcess.Start(settings, "serve");
        await WaitForServersAsync(1, worker);

        Client().Enqueue<CycleJob>(j => j.StartAsync("annual", "2026", null, CancellationToken.None));
        await WaitForCycleAsync(worker);

        Assert.Equal(1, await PipelineSeed.ScalarAsync(_db.DataSource,
            "select count(*) from report_run where unit_code = 'XA-MT' and state = 'failed' and attempts = 1 and reason like '[STANDIN_CHECK_FAILED]%'"));
        Assert.Equal(3, await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from report_run where state = 'done'"));
        Assert.Equal(1, await PipelineSeed.ScalarAsync(_db.DataSource, """
            select count(*) from hangfire.job j join report_run r on r.job_id = j.id::text
            where r.unit_code = 'XA-MT' and j.statename = 'Failed'
            """));
    }
}
