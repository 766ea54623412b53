using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
public sealed class AdhocPipelineTests : IAsyncLifetime
{
    private SeededApiHost _api = null!;

    private HttpClient Client => _api.Client;

    public async Task InitializeAsync() => _api = await SeededApiHost.StartAsync("XA-VH", SeededApiHost.RealStageSettings,
        (services, configuration, warehouse) =>
        {
            var settings = ReportingSettings.From(configuration);
            services.AddReportingStages(configuration, settings, warehouse);
            services.AddReportingPipeline(configuration, settings, warehouse);
            services.AddSingleton<IAdhocReportProducer, PipelineReportProducer>();
        });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task AdhocRequest_ThroughTheRealPipeline_DownloadsASealedOfficialFormatPdf_AndTheSameRequestAgainMakesNoNewVersion()
    {
        var body = new { kind = "adhoc", unit = "XA-VH", from = "2026-01-01", to = "2026-03-31", formats = new[] { "pdf", "xlsx" } };
        var first = await RequestAndWaitAsync(body);
        Assert.Equal("done", first.State.GetProperty("state").GetString());

        var pdf = await Client.GetByteArrayAsync($"/api/reports/{first.Id}/pdf");
        Directory.CreateDirectory(_api.Directory);
        var path = Path.Combine(_api.Directory, "adhoc.pdf");
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
        using var xlsx = await Client.GetAsync($"/api/reports/{first.Id}/xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);

        var second = await RequestAndWaitAsync(body);
        Assert.Equal("done", second.State.GetProperty("state").GetString());
        Assert.Equal(pdf, await Client.GetByteArrayAsync($"/api/reports/{second.Id}/pdf"));
        Assert.Equal(1, await PipelineSeed.ScalarAsync(_api.Database.DataSource, "select count(*) from report_version where kind = 'adhoc'"));
    }

    private async Task<(Guid Id, JsonElement State)> RequestAndWaitAsync(object body)
    {
        using var post = await Client.PostAsJsonAsync("/api/reports", body);
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var id = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var status = await Client.GetFromJsonAsync<JsonElement>($"/api/reports/{id}");
            if (status.GetProperty("state").GetString() is "done" or "failed")
            {
                return (id, status);
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"request {id} did not finish");
    }
}
