using System.Net.Http.Json;
using System.Text.Json;

namespace Reporting.Tests.Api;

/// <summary>Progress while a report is being made, a clean hand-back of the claim when the host stops, several
/// requests at once, and identical requests made once.</summary>
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

    [Fact]
    public async Task TwoIdenticalRequestsClaimedAtTheSameMoment_RenderOnce_AndTheSecondIsAnsweredByTheFirstOnesReport()
    {
        GatedProducer? gated = null;
        var (host, producer) = await api.StartHostAsync(new() { ["Api:QueueConcurrency"] = "2" }, wrap: p => gated = new GatedProducer(p));
        using var client = api.Client(api.KeyA, Reporting.Worker.Api.ApiHost.Address(host));
        var body = new { kind = "adhoc", unit = "A", from = "2026-03-05", to = "2026-03-06", formats = new[] { "pdf", "xlsx" } };
        var first = await ApiFixture.RequestAsync(client, body);
        await PollUntilAsync(client, first, s => s.GetProperty("progress").GetInt32() == 40); // rendering, held at the gate
        var second = await ApiFixture.RequestAsync(client, body);

        // Both are claimed at once (two loops); the second waits for the first one's reuse lock.
        await PollUntilAsync(client, second, s => s.GetProperty("state").GetString() == "running");
        for (var i = 0; i < 600 && await api.ScalarAsync<long>("""
            select count(*) from pg_locks
            where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())
            """) == 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, await api.ScalarAsync<long>("""
            select count(*) from pg_locks
            where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())
            """));
        gated!.Gate.SetResult();

        var a = await ApiFixture.WaitFinishedAsync(client, first);
        var b = await ApiFixture.WaitFinishedAsync(client, second);
        Assert.Equal("done", a.GetProperty("state").GetString());
        Assert.Equal("done", b.GetProperty("state").GetString());
        Assert.False(a.GetProperty("reused").GetBoolean());
        Assert.True(b.GetProperty("reused").GetBoolean());
        Assert.Equal(1, producer.Produced);
        Assert.Equal(1, await api.ScalarAsync<long>("select count(distinct product_id) from adhoc_request where id in (@first, @second)", new { first, second }));
        Assert.Equal(await client.GetByteArrayAsync($"/api/reports/{first}/pdf"), await client.GetByteArrayAsync($"/api/reports/{second}/pdf"));
        await host.StopAsync();
    }

    [Fact]
    public async Task WithTwoLoops_TwoDifferentRequestsAreProducedAtTheSameTime()
    {
        GatedProducer? gated = null;
        var (host, producer) = await api.StartHostAsync(new() { ["Api:QueueConcurrency"] = "2" }, wrap: p => gated = new GatedProducer(p));
        using var client = api.Client(api.KeyA, Reporting.Worker.Api.ApiHost.Address(host));
        var one = await ApiFixture.RequestAsync(client, new { kind = "adhoc", unit = "A", from = "2026-03-07", to = "2026-03-08", formats = new[] { "pdf" } });
        var two = await ApiFixture.RequestAsync(client, new { kind = "adhoc", unit = "A", from = "2026-03-09", to = "2026-03-10", formats = new[] { "pdf" } });

        // Both reach the producer's gate: neither waits for the other to finish.
        await PollUntilAsync(client, one, s => s.GetProperty("progress").GetInt32() == 40);
        await PollUntilAsync(client, two, s => s.GetProperty("progress").GetInt32() == 40);
        gated!.Gate.SetResult();

        Assert.Equal("done", (await ApiFixture.WaitFinishedAsync(client, one)).GetProperty("state").GetString());
        Assert.Equal("done", (await ApiFixture.WaitFinishedAsync(client, two)).GetProperty("state").GetString());
        Assert.Equal(2, producer.Produced);
        await host.StopAsync();
    }

    [Fact]
    public async Task StatusWithWait_AnswersWhenTheReportIsDone_OrWithTheCurrentStateWhenTheWaitRunsOut()
    {
        GatedProducer? gated = null;
        var (host, _) = await api.StartHostAsync(wrap: p => gated = new GatedProducer(p));
        using var client = api.Client(api.KeyA, Reporting.Worker.Api.ApiHost.Address(host));
        var id = await ApiFixture.RequestAsync(client, new { kind = "adhoc", unit = "A", from = "2026-03-11", to = "2026-03-12", formats = new[] { "pdf" } });
        await PollUntilAsync(client, id, s => s.GetProperty("progress").GetInt32() == 40);

        // Held at the gate: a short wait runs out and answers the state as it is.
        var early = await client.GetFromJsonAsync<JsonElement>($"/api/reports/{id}?wait=1");
        Assert.Equal("running", early.GetProperty("state").GetString());

        // One request, asked while the report is still held, answers "done" once the gate opens.
        var waiting = client.GetFromJsonAsync<JsonElement>($"/api/reports/{id}?wait=30");
        await Task.Delay(300); // let the server read "running" first (a late read would pass without waiting)
        Assert.False(waiting.IsCompleted);
        gated!.Gate.SetResult();
        var done = await waiting;
        Assert.Equal("done", done.GetProperty("state").GetString());
        Assert.True(done.GetProperty("links").TryGetProperty("pdf", out _));
        await host.StopAsync();
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
