using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Api;
using Reporting.Worker.Database;

namespace Reporting.Tests.Api;

/// <summary>
/// A fresh database with a small province (P; departments A, B and Sở Nội vụ SNV; A1 under A), keys for each role,
/// and the API on a real Kestrel at 127.0.0.1:port 0. The producer is the stand-in wrapped in a call counter.
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    private readonly List<WebApplication> _hosts = [];

    public TestDatabase Database { get; private set; } = null!;

    public Warehouse Warehouse { get; private set; } = null!;

    public CountingProducer Producer { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public WebApplication Host { get; private set; } = null!;

    public string KeyA { get; private set; } = "";

    public string KeyB { get; private set; } = "";

    public string KeyHomeAffairs { get; private set; } = "";

    public string KeyArchivist { get; private set; } = "";

    public string KeyAdmin { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Database = await TestPostgres.CreateDatabaseAsync();
        Warehouse = await Database.OpenWarehouseAsync();
        await SeedAsync();
        var keys = new ApiKeyStore(Warehouse);
        KeyA = (await keys.CreateAsync("A", ApiRole.Department, default)).Token;
        KeyB = (await keys.CreateAsync("B", ApiRole.Department, default)).Token;
        KeyHomeAffairs = (await keys.CreateAsync("SNV", ApiRole.HomeAffairs, default)).Token;
        KeyArchivist = (await keys.CreateAsync("SNV", ApiRole.Archivist, default)).Token;
        KeyAdmin = (await keys.CreateAsync("SNV", ApiRole.Admin, default)).Token;
        (Host, Producer) = await StartHostAsync(MainHostSettings);
        BaseAddress = ApiHost.Address(Host);
    }

    /// <summary>Settings of the fixture's own host.</summary>
    protected virtual Dictionary<string, string?> MainHostSettings => [];

    /// <summary>Another host on the same database (its own producer counter), e.g. with a tighter rate limit.</summary>
    public async Task<(WebApplication Host, CountingProducer Producer)> StartHostAsync(
        Dictionary<string, string?>? settings = null, Func<StandInReportProducer, IAdhocReportProducer>? wrap = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Api:PollIntervalMilliseconds"] = "100",
            ["Api:RequestsPerMinute"] = "10000",
        }).AddInMemoryCollection(settings ?? []).Build();
        var host = ApiHost.Build(Warehouse, configuration, 0, services =>
        {
            services.AddSingleton<StandInReportProducer>();
            services.AddSingleton<IAdhocReportProducer>(sp => new CountingProducer((wrap ?? (p => p))(sp.GetRequiredService<StandInReportProducer>())));
        }, app =>
        {
            // Handlers that escape with an exception, to pin the global mapping (400 for ours, 500 for the rest).
            app.MapGet("/api/test/throws-reporting", () => { throw new Reporting.Worker.Diagnostics.ReportingException("TEST_CODE", "Lỗi thử nghiệm."); });
            app.MapGet("/api/test/throws-other", () => { throw new InvalidOperationException("defect"); });
        });
        await host.StartAsync();
        _hosts.Add(host);
        return (host, (CountingProducer)host.Services.GetRequiredService<IAdhocReportProducer>());
    }

    public HttpClient Client(string? key, Uri? baseAddress = null)
    {
        var client = new HttpClient { BaseAddress = baseAddress ?? BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Posts a request and returns its id (asserting 202).</summary>
    public static async Task<Guid> RequestAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/reports", body);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        return accepted.GetProperty("id").GetGuid();
    }

    /// <summary>Polls the status until the request is done or failed (bounded, so a stuck queue fails the test).</summary>
    public static async Task<JsonElement> WaitFinishedAsync(HttpClient client, Guid id)
    {
        for (var i = 0; i < 600; i++)
        {
            var status = await client.GetFromJsonAsync<JsonElement>($"/api/reports/{id}");
            if (status.GetProperty("state").GetString() is "done" or "failed")
            {
                return status;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"request {id} did not finish");
    }

    public async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, parameters);
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    private Task SeedAsync() => ExecuteAsync("""
        insert into agency (code, name, level, kind, province_name, valid_from) values
          ('P', 'Tỉnh An Giang', 'province', 'province', 'An Giang', '2020-01-01'),
          ('SNV', 'Sở Nội vụ', 'province', 'department', 'An Giang', '2020-01-01'),
          ('A', 'Sở Tư pháp', 'province', 'department', 'An Giang', '2020-01-01'),
          ('A1', 'Trung tâm Trợ giúp pháp lý', 'province', 'department', 'An Giang', '2020-01-01'),
          ('B', 'Sở Xây dựng', 'province', 'department', 'An Giang', '2020-01-01');
        insert into agency_parent (agency_id, parent_id, valid_from)
          select c.id, p.id, '2020-01-01' from agency c join agency p on p.code = case c.code when 'A1' then 'A' else 'P' end
          where c.code <> 'P';
        insert into field (code, name) values ('HT', 'Hộ tịch'), ('XD', 'Xây dựng');
        insert into procedure (code, name, field_id, level, online_service, time_limit, time_unit)
          values ('1.1', 'Đăng ký khai sinh', 1, 'province', 'full', 3, 'working_day'),
                 ('2.1', 'Cấp giấy phép xây dựng', 2, 'province', 'partial', 15, 'working_day');
        insert into dossier (code, procedure_id, receiving_agency_id, deciding_agency_id, channel, received_at, state, finished_at)
          select 'D' || g, case when g % 2 = 0 then 1 else 2 end, a.id, a.id, 2,
                 timestamptz '2026-02-01 09:00+07' + g * interval '1 day',
                 case when g % 3 = 0 then 'in_progress' else 'resolved' end,
                 case when g % 3 = 0 then null else timestamptz '2026-02-01 09:00+07' + g * interval '1 day' + interval '2 days' end
          from generate_series(1, 20) g
          join agency a on a.code = case when g <= 12 then 'A' else 'B' end;
        """);

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }

        await Warehouse.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>The fixture with a host that does not work the queue: only hosts a test starts do.</summary>
public sealed class ApiFixtureWithoutProcessor : ApiFixture
{
    protected override Dictionary<string, string?> MainHostSettings => new() { ["Api:ProcessQueue"] = "false" };
}

/// <summary>The stand-in producer, counting how often it renders (fingerprints are not renders).</summary>
public sealed class CountingProducer(IAdhocReportProducer inner) : IAdhocReportProducer
{
    private int _produced;

    public int Produced => Volatile.Read(ref _produced);

    public string Name => inner.Name;

    public Task<string> FingerprintAsync(AdhocReportRequest request, CancellationToken cancellationToken) =>
        inner.FingerprintAsync(request, cancellationToken);

    public Task<ProducedReport> ProduceAsync(AdhocReportRequest request, IAdhocProgress progress, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _produced);
        return inner.ProduceAsync(request, progress, cancellationToken);
    }
}

/// <summary>Reports 40% and then waits until the test opens the gate (or the host stops).</summary>
public sealed class GatedProducer(IAdhocReportProducer inner) : IAdhocReportProducer
{
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => inner.Name;

    public Task<string> FingerprintAsync(AdhocReportRequest request, CancellationToken cancellationToken) =>
        inner.FingerprintAsync(request, cancellationToken);

    public async Task<ProducedReport> ProduceAsync(AdhocReportRequest request, IAdhocProgress progress, CancellationToken cancellationToken)
    {
        await progress.ReportAsync(40, "kết xuất PDF", cancellationToken);
        await Gate.Task.WaitAsync(cancellationToken);
        return await inner.ProduceAsync(request, progress, cancellationToken);
    }
}
