using Reporting.Tests.Fixtures;
using Reporting.Tests.Pipeline;

namespace Reporting.Tests.Jobs;

/// <summary>Resilience of the synchronous cycle (the <c>run</c> verb) against a crash at the worst moment.</summary>
public sealed class WorkerCrashTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private string _out = null!;

    public async Task InitializeAsync()
    {
        _db = await TestPostgres.CreateDatabaseAsync();
        await PipelineSeed.SeedAsync(_db.DataSource);
        _out = Directory.CreateTempSubdirectory("reporting-crash-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_out, recursive: true);
    }

    private Dictionary<string, string> Settings(int renderDelayMs) => new()
    {
        ["ConnectionStrings:Warehouse"] = _db.ConnectionString,
        ["Reporting:OutputDirectory"] = _out,
        ["Signing:Policy"] = "system",
        ["Pipeline:Stages"] = "stand-in",
        ["StandIns:RenderDelayMs"] = renderDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task KillDuringACycle_ThenRestart_FinishesWithOneIssuedDocumentPerUnitAndNoGapInNumbers()
    {
        await using (var first = WorkerProcess.Start(Settings(1500), "run", "--kind", "annual", "--period", "2026"))
        {
            // Crash after at least one report is issued and while another holds a number but is not issued yet.
            await Poll.UntilAsync(async () =>
                    await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from report_version where state = 'issued'") >= 1
                    && await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from report_version where state = 'issuing'") == 1,
                TimeSpan.FromSeconds(180), () => first.Output);
            first.Crash();
        }

        Assert.Equal(1, await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from report_cycle where state = 'running'"));

        await using (var second = WorkerProcess.Start(Settings(0), "run", "--kind", "annual", "--period", "2026"))
        {
            Assert.True(await second.WaitAsync(TimeSpan.FromSeconds(180)) == 0, second.Output);
        }

        Assert.Equal(4, await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from report_version where state = 'issued'"));
        Assert.Equal(4, await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from report_version"));
        Assert.Equal(4, await PipelineSeed.ScalarAsync(_db.DataSource, "select count(distinct unit_code) from report_version"));
        // No gap: each register's numbers are exactly 1..last_number, all on issued documents.
        Assert.Equal(0, await PipelineSeed.ScalarAsync(_db.DataSource, """
            select count(*) from document_number_sequence s
            where s.last_number <> (select count(*) from report_version v where v.issuer_code = s.issuer_code and v.state = 'issued')
               or s.last_number <> (select max(v.document_number) from report_version v where v.issuer_code = s.issuer_code)
            """));
        Assert.Equal(1, await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from report_cycle where state = 'done'"));
        Assert.Equal(0, await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from report_run where state <> 'done'"));
    }
}
