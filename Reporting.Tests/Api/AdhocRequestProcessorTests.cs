using System.Net.Http.Json;
using System.Text.Json;

namespace Reporting.Tests.Api;

/// <summary>Progress while a report is being made, and a clean hand-back of the claim when the host stops.</summary>
public sealed class AdhocRequestProcessorTests(ApiFixtureWithoutProcessor api) : IClassFixture<ApiFixtureWithoutProcessor>
{
    [Fact]
    public async Task WhileProducing_StatusShowsRunningWithTheProducersProgressAndStage_ThenDone()
    {
        GatedProducer? gated = null;
        var (host, _) = await api.StartHostAsync(wrap: p => gated = new GatedProducer(p));
        using var client = api.Client(api.KeyA, Reporting.Worker.Api.ApiHost.Address(host));
        var id = await ApiFixture.RequestAsync(client, new { kind = "adhoc", unit = "A", from = "2026-03-01", to = "2026-03-02", formats = new[] { "pdf" } });

        var status = await PollUntilAsync(client, id, s => s.GetProperty("progress").GetInt32() == 40);
        Assert.Equal("running", status.GetProperty("state").GetString());
        Assert.Equal("kết xuất PDF", status.GetProperty("stage").GetString());
        Assert.False(status.GetProperty("links").TryGetProperty("pdf", out _));
        using var early = await client.GetAsync($"/api/reports/{id}/pdf");
        Assert.Equal(System.Net.HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("API_REPORT_NOT_READY", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        gated!.Gate.SetResult();
        var done = await ApiFixture.WaitFinishedAsync(client, id);
        Assert.Equal("done", done.GetProperty("state").GetString());
        await host.StopAsync(); // so no later test's request lands on this host
    }

    [Fact]
    public async Task StoppingTheHostMidProduction_PutsTheRequestBackInTheQueue_WithoutSpendingAnAttempt()
    {
        GatedProducer? gated = null;
        var (host, _) = await api.StartHostAsync(wrap: p => gated = new GatedProducer(p));
        using var client = api.Client(api.KeyA, Reporting.Worker.Api.ApiHost.Address(host));
        var id = await ApiFixture.RequestAsync(client, new { kind = "adhoc", unit = "A", from = "2026-03-03", to = "2026-03-04", formats = new[] { "pdf" } });
        await PollUntilAsync(client, id, s => s.GetProperty("state").GetString() == "running");

        await host.StopAsync();

        Assert.Equal("queued", await api.ScalarAsync<string>("select state from adhoc_request where id = @id", new { id }));
        Assert.Equal(0, await api.ScalarAsync<int>("select attempts from adhoc_request where id = @id", new { id }));
        // The next host to start takes it over and finishes it.
        var (next, _) = await api.StartHostAsync();
        var done = await ApiFixture.WaitFinishedAsync(api.Client(api.KeyA, Reporting.Worker.Api.ApiHost.Address(next)), id);
        Assert.Equal("done", done.GetProperty("state").GetString());
        Assert.NotNull(gated);
        await next.StopAsync();
    }

    private static async Task<JsonElement> PollUntilAsync(HttpClient client, Guid id, Func<JsonElement, bool> condition)
    {
        for (var i = 0; i < 600; i++)
        {
            var status = await client.GetFromJsonAsync<JsonElement>($"/api/reports/{id}");
            if (condition(status))
            {
                return status;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"request {id} never reached the expected state");
    }
}
