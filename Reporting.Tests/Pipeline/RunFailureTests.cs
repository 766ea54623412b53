using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Cli;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Pipeline;
using Reporting.Worker.Pipeline.StandIns;

namespace Reporting.Tests.Pipeline;

public sealed class RunFailureTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private string _out = null!;
    private IConfiguration _configuration = null!;

    public async Task InitializeAsync()
    {
        _db = await TestPostgres.CreateDatabaseAsync();
        await PipelineSeed.SeedAsync(_db.DataSource);
        _out = Directory.CreateTempSubdirectory("reporting-failure-").FullName;
        _configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Signing:Policy"] = "system",
            ["Reporting:OutputDirectory"] = _out,
            ["ConnectionStrings:Warehouse"] = _db.ConnectionString,
        }).Build();
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_out, recursive: true);
    }

    /// <summary>The stand-in extract, except that one unit's consistency check fails.</summary>
    private sealed class FailingCheck(CountDataSource inner) : IReportDataSource
    {
        public Task<ReportData> LoadAsync(ReportRequest request, CancellationToken cancellationToken) =>
            request.Key.UnitCode == "XA-MT"
                ? throw new ReportingException("CHECK_FAILED", "Số tiếp nhận (5) khác tổng đã giải quyết và đang giải quyết (4).")
                : inner.LoadAsync(request, cancellationToken);
    }

    [Fact]
    public async Task PermanentFailure_EndsThatRunFailedWithItsReason_AndTheRestOfTheCycleGoesOn()
    {
        var warehouse = await _db.OpenWarehouseAsync();
        var services = new ServiceCollection();
        services.AddSingleton(warehouse).AddSingleton(TimeProvider.System).AddSingleton<CountDataSource>();
        services.AddSingleton<IReportDataSource>(s => new FailingCheck(s.GetRequiredService<CountDataSource>()));
        await using var provider = services.AddReportingPipeline(_configuration, ReportingSettings.From(_configuration), warehouse).BuildServiceProvider();

        var (cycle, outcomes) = await provider.GetRequiredService<CycleRunner>().RunAsync("annual", "2026", null, null, null, CancellationToken.None);

        Assert.Equal("failed", outcomes.Single(o => o.UnitCode == "XA-MT").State);
        Assert.All(outcomes.Where(o => o.UnitCode != "XA-MT"), o => Assert.Equal("issued", o.State));
        Assert.Equal(0, await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from report_version where unit_code = 'XA-MT'"));
        Assert.Equal(1, await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from report_cycle where state = 'done'"));

        var output = new StringWriter();
        var code = await VerbTable.RunAsync(["runs", "show", cycle.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], output, new StringWriter(), _configuration);

        Assert.Equal(0, code);
        var line = output.ToString().Split('\n').Single(l => l.StartsWith("XA-MT", StringComparison.Ordinal));
        Assert.Contains("failed", line, StringComparison.Ordinal);
        Assert.Contains("[CHECK_FAILED] Số tiếp nhận (5) khác tổng", line, StringComparison.Ordinal);
        Assert.Contains("01/BC-SNV v1", output.ToString(), StringComparison.Ordinal);

        var list = new StringWriter();
        Assert.Equal(0, await VerbTable.RunAsync(["runs", "list", "--period", "2026"], list, new StringWriter(), _configuration));
        Assert.Contains("annual", list.ToString(), StringComparison.Ordinal);
    }
}
