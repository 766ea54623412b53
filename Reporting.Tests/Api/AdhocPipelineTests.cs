using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Tests.Fixtures;
using Reporting.Tests.Pipeline;
using Reporting.Worker.Api;
using Reporting.Worker.Cli;
using Reporting.Worker.Pipeline;

namespace Reporting.Tests.Api;

/// <summary>
/// The API as <c>serve</c> wires it: ad hoc requests produced by the real pipeline (extract, official templates in
/// Chromium, the system seal from development certificates, the archive), over real HTTP on loopback.
/// </summary>
public sealed class AdhocPipelineTests : IAsyncLifetime, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"adhoc-pipeline-{Guid.NewGuid():N}");
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
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Api:RequestsPerMinute"] = "10000",
            ["Signing:SystemCertificate"] = Path.Combine(DevCerts.Directory, Reporting.Worker.Sign.DevCertificates.SystemFile),
            ["Signing:TrustedCaDirectory"] = DevCerts.TrustDirectory,
            ["Reporting:DataDirectory"] = Path.Combine(_dir, "data"),
            ["Reporting:OutputDirectory"] = Path.Combine(_dir, "out"),
            ["Archive:Directory"] = Path.Combine(_dir, "archive"),
            ["Delivery:FileDropDirectory"] = Path.Combine(_dir, "drop"),
        }).Build();
        var settings = ReportingSettings.From(configuration);
        _host = ApiHost.Build(_warehouse, configuration, 0, services =>
        {
            services.AddReportingStages(configuration, settings, _warehouse);
            services.AddReportingPipeline(configuration, settings, _warehouse);
            services.AddSingleton<IAdhocReportProducer, PipelineReportProducer>();
        });
        await _host.StartAsync();
        _client = new HttpClient { BaseAddress = ApiHost.Address(_host), Timeout = TimeSpan.FromSeconds(120) };
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

    [Fact]
    public async Task AdhocRequest_ThroughTheRealPipeline_DownloadsASealedOfficialFormatPdf_AndTheSameRequestAgainMakesNoNewVersion()
    {
        var body = new { kind = "adhoc", unit = "XA-VH", from = "2026-01-01", to = "2026-03-31", formats = new[] { "pdf", "xlsx" } };
        var first = await RequestAndWaitAsync(body);
        Assert.Equal("done", first.State.GetProperty("state").GetString());

        var pdf = await _client.GetByteArrayAsync($"/api/reports/{first.Id}/pdf");
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "adhoc.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        var text = await DocumentTools.PdfText(path);
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text, StringComparison.Ordinal);
        Assert.Contains("Độc lập - Tự do - Hạnh phúc", text, StringComparison.Ordinal);
        Assert.Contains("BÁO CÁO", text, StringComparison.Ordinal);
        Assert.Contains("Nơi nhận:", text, StringComparison.Ordinal);
        Assert.Contains("01/01/2026", text, StringComparison.Ordinal);
        var signature = await DocumentTools.RunAsync("pdfsig", path);
        Assert.Contains("Signature is Valid.", signature, StringComparison.Ordinal);
        Assert.Contains("Total document signed", signature, StringComparison.Ordinal);
        Assert.Contains("ETSI.CAdES.detached", signature, StringComparison.Ordinal);
        using var xlsx = await _client.GetAsync($"/api/reports/{first.Id}/xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);

        var second = await RequestAndWaitAsync(body);
        Assert.Equal("done", second.State.GetProperty("state").GetString());
        Assert.Equal(pdf, await _client.GetByteArrayAsync($"/api/reports/{second.Id}/pdf"));
        Assert.Equal(1, await PipelineSeed.ScalarAsync(_db.DataSource, "select count(*) from report_version where kind = 'adhoc'"));
    }

    private async Task<(Guid Id, JsonElement State)> RequestAndWaitAsync(object body)
    {
        using var post = await _client.PostAsJsonAsync("/api/reports", body);
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var id = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var status = await _client.GetFromJsonAsync<JsonElement>($"/api/reports/{id}");
            if (status.GetProperty("state").GetString() is "done" or "failed")
            {
                return (id, status);
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"request {id} did not finish");
    }
}
