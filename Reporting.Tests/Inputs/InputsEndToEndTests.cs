using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ClosedXML.Excel;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Templates.Model;
using Reporting.Tests.Fixtures;
using Reporting.Tests.Pipeline;
using Reporting.Worker.Api;
using Reporting.Worker.Cli;
using Reporting.Worker.Deliver;
using Reporting.Worker.Inputs;
using Reporting.Worker.Pipeline;
using Reporting.Worker.Tracking;

namespace Reporting.Tests.Inputs;

/// <summary>
/// Inputs entered through the HTTP API reach the issued report: the real stages (extract + inputs, templates in
/// Chromium, the system seal from development certificates, archive, file drop) on a tiny seeded province.
/// A change after issue makes version 2 and supersedes version 1; missing required inputs block an official
/// draft before a number is taken, and tracking names the unit.
/// </summary>
public sealed class InputsEndToEndTests : IAsyncLifetime, IDisposable
{
    private const string Markup = "<script>alert('x')</script> <b>in đậm</b> & =SUM(A1)";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"inputs-e2e-{Guid.NewGuid():N}");
    private TestDatabase _db = null!;
    private Reporting.Worker.Database.Warehouse _warehouse = null!;
    private Microsoft.AspNetCore.Builder.WebApplication _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _db = await TestPostgres.CreateDatabaseAsync();
        _warehouse = await _db.OpenWarehouseAsync();
        await PipelineSeed.SeedAsync(_db.DataSource);
        var key = (await new ApiKeyStore(_warehouse).CreateAsync("XA-VH", ApiRole.Department, default)).Token;
        _host = ApiHost.Build(_warehouse, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Api:ProcessQueue"] = "false",
            ["Api:RequestsPerMinute"] = "10000",
        }).Build(), 0);
        await _host.StartAsync();
        _client = new HttpClient { BaseAddress = ApiHost.Address(_host), Timeout = TimeSpan.FromSeconds(60) };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    public void Dispose() => _client?.Dispose();

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        await _host.DisposeAsync();
        await _warehouse.DisposeAsync();
        await _db.DisposeAsync();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private IConfiguration Config(string policy) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Signing:Policy"] = policy,
        ["Signing:SystemCertificate"] = Path.Combine(DevCerts.Directory, Reporting.Worker.Sign.DevCertificates.SystemFile),
        ["Signing:TrustedCaDirectory"] = DevCerts.TrustDirectory,
        ["Reporting:DataDirectory"] = Path.Combine(_dir, "data"),
        ["Reporting:OutputDirectory"] = Path.Combine(_dir, "out"),
        ["Archive:Directory"] = Path.Combine(_dir, "archive"),
        ["Delivery:FileDropDirectory"] = Path.Combine(_dir, "drop"),
        ["Delivery:SendOwnCopy"] = "false",
    }).Build();

    private async Task PutAsync(string unit, Dictionary<string, object?> values)
    {
        using var response = await _client.PutAsJsonAsync($"/api/inputs/{unit}/quarter/2026-Q1", values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<string> PdfTextAsync(byte[] pdf)
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        return await DocumentTools.PdfText(path);
    }

    private static Dictionary<string, object?> CompleteInputs()
    {
        var values = InputDefinitions.For(ReportKind.Quarter).Required
            .Where(f => f.IsNarrative)
            .ToDictionary(f => f.Code, f => (object?)$"Nội dung mục {f.Code} của xã Vĩnh Hòa.", StringComparer.Ordinal);
        values["II.2.a"] = "Công khai 128 thủ tục hành chính tại Bộ phận Một cửa.";
        values["III"] = "Ưu điểm: hoàn thành các nhiệm vụ.\n- " + Markup;
        values["CD_VAN_BAN_CHI_DAO"] = 17;
        values["TC_VB_QPPL_BAN_HANH"] = "3";
        values["CQS_VB_DIEN_TU"] = "88,04";
        return values;
    }

    [Fact]
    public async Task InputsFromTheApi_AppearInThePdfAndWorkbook_MarkupLiterally_AndAChangeAfterIssueMakesVersion2()
    {
        await PutAsync("XA-VH", CompleteInputs());

        await using var services = StageServices.BuildPipeline(Config("system"), ReportingSettings.From(Config("system")), _warehouse);
        var runner = services.GetRequiredService<CycleRunner>();
        var archive = services.GetRequiredService<IReportArchive>();
        var (_, first) = await runner.RunAsync("quarter", "2026-Q1", "XA-VH", null, null, default);
        var v1 = Assert.Single(first);
        Assert.True(v1.State == "issued", v1.Reason);
        Assert.Equal(1, v1.Version!.Version);

        var text = await PdfTextAsync((await archive.ReadAsync(v1.Version, ArchiveRole.IssuedPdf, default))!);
        Assert.Contains("Công khai 128 thủ tục hành chính tại Bộ phận Một cửa.", text, StringComparison.Ordinal);
        Assert.Contains("Nội dung mục I.2 của xã Vĩnh Hòa.", text, StringComparison.Ordinal);
        Assert.Contains(Markup, text, StringComparison.Ordinal);
        Assert.DoesNotContain("[Đơn vị bổ sung: số TTHC được công bố", text, StringComparison.Ordinal); // II.2.a is filled, no placeholder
        Assert.Contains("88,04%", text, StringComparison.Ordinal);

        using (var book = new XLWorkbook(new MemoryStream((await archive.ReadAsync(v1.Version, ArchiveRole.Workbook, default))!)))
        {
            var sheet = book.Worksheet("Số liệu CCHC");
            var row = sheet.RowsUsed().Single(r => r.Cell(3).GetString() == InputDefinitions.Find("CD_VAN_BAN_CHI_DAO")!.Label);
            Assert.Equal(17, row.Cell(5).GetValue<int>());
            var percent = sheet.RowsUsed().Single(r => r.Cell(3).GetString() == InputDefinitions.Find("CQS_VB_DIEN_TU")!.Label);
            Assert.Equal(0.8804, percent.Cell(5).GetDouble(), 6);
        }

        // Same data again: nothing new. A changed input after issue: a new version that supersedes the first.
        var (_, same) = await runner.RunAsync("quarter", "2026-Q1", "XA-VH", null, null, default);
        Assert.Equal(1, Assert.Single(same).Version!.Version);
        await PutAsync("XA-VH", new() { ["III"] = "Đánh giá đã sửa sau khi ban hành." });
        var (_, second) = await runner.RunAsync("quarter", "2026-Q1", "XA-VH", null, null, default);
        var v2 = Assert.Single(second);
        Assert.True(v2.State == "issued", v2.Reason);
        Assert.Equal(2, v2.Version!.Version);
        Assert.Contains("Đánh giá đã sửa sau khi ban hành.", await PdfTextAsync((await archive.ReadAsync(v2.Version, ArchiveRole.IssuedPdf, default))!), StringComparison.Ordinal);

        await using var connection = await _db.DataSource.OpenConnectionAsync();
        var versions = (await connection.QueryAsync<(int Version, string State, long? SupersedesId, long Id)>(
            "select version, state, supersedes_id, id from report_version where unit_code = 'XA-VH' order by version")).ToList();
        Assert.Equal([(1, "superseded"), (2, "issued")], versions.Select(v => (v.Version, v.State)));
        Assert.Equal(versions[0].Id, versions[1].SupersedesId);
    }

    [Fact]
    public async Task MissingRequiredInputs_BlockTheOfficialDraftBeforeANumber_AndShowInTracking()
    {
        await PutAsync("XA-VH", CompleteInputs());

        await using var services = StageServices.BuildPipeline(Config("official"), ReportingSettings.From(Config("official")), _warehouse);
        var runner = services.GetRequiredService<CycleRunner>();
        var (cycle, outcomes) = await runner.RunAsync("quarter", "2026-Q1", "XA-MT", null, null, default);
        var blocked = Assert.Single(outcomes);
        Assert.Equal("failed", blocked.State);
        Assert.Contains("INPUT_DRAFT_BLOCKED", blocked.Reason, StringComparison.Ordinal);
        Assert.Contains("II.2.a", blocked.Reason, StringComparison.Ordinal);

        await using (var connection = await _db.DataSource.OpenConnectionAsync())
        {
            Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("select count(*) from report_version where unit_code = 'XA-MT'"));
            Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("select coalesce(sum(last_number), 0) from document_number_sequence"));
            var run = await connection.QuerySingleAsync<(string State, string Reason)>(
                "select state, reason from report_run where cycle_id = @id and unit_code = 'XA-MT'", new { id = cycle.Id });
            Assert.Equal("failed", run.State);
            Assert.Contains("INPUT_DRAFT_BLOCKED", run.Reason, StringComparison.Ordinal);
        }

        // The unit with every required input goes through to a draft awaiting signature (it takes number 1).
        var (_, ready) = await runner.RunAsync("quarter", "2026-Q1", "XA-VH", null, null, default);
        Assert.Equal("awaiting_signature", Assert.Single(ready).State);

        var options = DeliveryOptions.From(Config("official"));
        var tracking = await new TrackingServices(_db.DataSource, options).Tracker.BuildAsync(ReportKind.Quarter, "2026-Q1", DateTimeOffset.UtcNow, default);
        var missing = tracking.Units.Single(u => u.UnitCode == "XA-MT").MissingInputs;
        Assert.Equal(InputDefinitions.For(ReportKind.Quarter).Required.Count(), missing.Count);
        Assert.Contains(missing, m => m.StartsWith("II.2.a ", StringComparison.Ordinal));
        Assert.Empty(tracking.Units.Single(u => u.UnitCode == "XA-VH").MissingInputs);
        var table = TrackingTable.Render(tracking);
        var line = table.Split('\n').Single(l => l.StartsWith("XA-MT ", StringComparison.Ordinal));
        Assert.Contains($"{missing.Count} mục", line, StringComparison.Ordinal);
    }
}
