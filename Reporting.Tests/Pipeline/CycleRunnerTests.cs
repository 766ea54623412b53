using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Cli;
using Reporting.Worker.Pipeline;

namespace Reporting.Tests.Pipeline;

public sealed class CycleRunnerTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private string _out = null!;

    public async Task InitializeAsync()
    {
        _db = await TestPostgres.CreateDatabaseAsync();
        await PipelineSeed.SeedAsync(_db.DataSource);
        _out = Directory.CreateTempSubdirectory("reporting-pipeline-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_out, recursive: true);
    }

    private async Task<ServiceProvider> ServicesAsync(string policy = "system")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Signing:Policy"] = policy,
            ["Reporting:OutputDirectory"] = _out,
            ["ConnectionStrings:Warehouse"] = _db.ConnectionString,
        }).Build();
        var warehouse = await _db.OpenWarehouseAsync();
        return PipelineServices.Build(configuration, ReportingSettings.From(configuration), warehouse);
    }

    [Fact]
    public async Task Cycle_IssuesOneReportPerUnitPlusConsolidated_AndASecondRunIssuesNothingNew()
    {
        await using var services = await ServicesAsync();
        var runner = services.GetRequiredService<CycleRunner>();

        var (_, first) = await runner.RunAsync("annual", "2026", null, null, null, CancellationToken.None);

        Assert.Equal([.. PipelineSeed.Units.Order(), ReportKey.Province], first.Select(o => o.UnitCode));
        Assert.All(first, o => Assert.Equal("issued", o.State));
        Assert.Equal(4, await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from report_version where state = 'issued'"));
        foreach (var unit in PipelineSeed.Units.Append(ReportKey.Province))
        {
            var files = Directory.GetFiles(Path.Combine(_out, "2026", unit)).Select(Path.GetFileName).Order().ToList();
            Assert.Equal([$"2026_{unit}_annual_v1.pdf", $"2026_{unit}_annual_v1.xlsx", "delivery.log"], files);
        }

        var pdf = await File.ReadAllTextAsync(Path.Combine(_out, "2026", "XA-VH", "2026_XA-VH_annual_v1.pdf"));
        Assert.Contains("So: 01/BC-UBND", pdf, StringComparison.Ordinal);

        var (_, second) = await runner.RunAsync("annual", "2026", null, null, null, CancellationToken.None);

        Assert.Equal(first.Select(o => o.Version!.Id), second.Select(o => o.Version!.Id));
        Assert.Equal(4, await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from report_version"));
        Assert.Equal(1, await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from report_cycle"));
        Assert.Equal(4, await PipelineSeed.ScalarAsync(_db.DataSource, "select sum(last_number) from document_number_sequence"));
        var ledger = await File.ReadAllLinesAsync(Path.Combine(_out, "2026", "SNV", "delivery.log"));
        Assert.Equal(2, ledger.Length);
    }

    [Fact]
    public async Task NewDataAfterIssue_MakesANewVersionWithTheNextNumber_ThatSupersedesTheOld()
    {
        await using var services = await ServicesAsync();
        var pipeline = services.GetRequiredService<ReportPipeline>();
        var key = new ReportKey(Reporting.Templates.Model.ReportKind.Annual, "2026", "XA-MT");

        var v1 = await pipeline.RunAsync(new ReportRequest(key), null, CancellationToken.None);
        await PipelineSeed.ScalarAsync(_db.DataSource, """
            with x as (insert into dossier (code, procedure_id, receiving_agency_id, deciding_agency_id, channel, received_at, state)
              select 'HS-LATE', p.id, a.id, a.id, 2, timestamptz '2026-06-01 09:00+07', 'in_progress'
              from procedure p, agency a where a.code = 'XA-MT' returning 1) select count(*) from x
            """);
        var v2 = await pipeline.RunAsync(new ReportRequest(key), null, CancellationToken.None);

        Assert.Equal((1, 1), (v1.Version.Version, v1.Version.DocumentNumber));
        Assert.Equal((2, 2), (v2.Version.Version, v2.Version.DocumentNumber));
        Assert.Equal(1, await PipelineSeed.ScalarAsync(_db.DataSource, $"select count(*) from report_version where id = {v1.Version.Id} and state = 'superseded'"));
        Assert.Equal(1, await PipelineSeed.ScalarAsync(_db.DataSource, $"select count(*) from report_version where id = {v2.Version.Id} and state = 'issued' and supersedes_id = {v1.Version.Id}"));
    }

    [Fact]
    public async Task OfficialPolicy_StopsAtAwaitingSignature_AndResumesWhenTheSignedPdfIsImported()
    {
        await using var services = await ServicesAsync("official");
        var pipeline = services.GetRequiredService<ReportPipeline>();
        var runner = services.GetRequiredService<CycleRunner>();

        var (cycle, outcomes) = await runner.RunAsync("annual", "2026", "SNV", null, null, CancellationToken.None);
        var draft = outcomes.Single();
        Assert.Equal("awaiting_signature", draft.State);
        Assert.True(File.Exists(Path.Combine(_out, "2026", "SNV", "2026_SNV_annual_v1_draft.pdf")));
        Assert.False(File.Exists(Path.Combine(_out, "2026", "SNV", "delivery.log")));

        var signed = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4 signed by people\n%%EOF\n");
        var resumed = await pipeline.ResumeAfterSignatureAsync(draft.Version!.Id, signed, CancellationToken.None);

        Assert.Equal("issued", resumed.State);
        Assert.Equal(signed, await File.ReadAllBytesAsync(Path.Combine(_out, "2026", "SNV", "2026_SNV_annual_v1.pdf")));
        Assert.Equal(2, (await File.ReadAllLinesAsync(Path.Combine(_out, "2026", "SNV", "delivery.log"))).Length);
        Assert.Equal(1, await PipelineSeed.ScalarAsync(_db.DataSource, $"select count(*) from report_run where cycle_id = {cycle.Id} and unit_code = 'SNV' and state = 'done'"));
    }
}
