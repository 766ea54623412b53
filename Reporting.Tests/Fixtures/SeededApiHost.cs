using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Tests.Pipeline;
using Reporting.Worker.Api;
using Reporting.Worker.Database;

namespace Reporting.Tests.Fixtures;

/// <summary>
/// A fresh database seeded with the pipeline tests' small province, the API on loopback (port 0) over it, and a
/// client holding a department key of one unit. Tests that run real stages point their files at <see cref="Directory"/>.
/// </summary>
public sealed class SeededApiHost : IAsyncDisposable
{
    private SeededApiHost(TestDatabase database, Warehouse warehouse, WebApplication host, HttpClient client, string directory)
    {
        Database = database;
        Warehouse = warehouse;
        Host = host;
        Client = client;
        Directory = directory;
    }

    public TestDatabase Database { get; }

    public Warehouse Warehouse { get; }

    public WebApplication Host { get; }

    public HttpClient Client { get; }

    /// <summary>A private temp directory for the test's data, archive, out and drop folders; deleted on dispose.</summary>
    public string Directory { get; }

    /// <summary>The development certificates and private folders the real stages need, under <paramref name="directory"/>.</summary>
    public static Dictionary<string, string?> RealStageSettings(string directory) => new()
    {
        ["Signing:SystemCertificate"] = Path.Combine(DevCerts.Directory, Reporting.Worker.Sign.DevCertificates.SystemFile),
        ["Signing:TrustedCaDirectory"] = DevCerts.TrustDirectory,
        ["Reporting:DataDirectory"] = Path.Combine(directory, "data"),
        ["Reporting:OutputDirectory"] = Path.Combine(directory, "out"),
        ["Archive:Directory"] = Path.Combine(directory, "archive"),
        ["Delivery:FileDropDirectory"] = Path.Combine(directory, "drop"),
    };

    /// <param name="keyUnit">The unit whose department key the client holds.</param>
    /// <param name="settings">API host settings (e.g. Api:ProcessQueue); the request rate limit is lifted.</param>
    /// <param name="configureServices">Registrations before the API's (real producers, stages).</param>
    public static async Task<SeededApiHost> StartAsync(
        string keyUnit, Func<string, Dictionary<string, string?>>? settings = null, Action<IServiceCollection, IConfiguration, Warehouse>? configureServices = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"api-host-{Guid.NewGuid():N}");
        var database = await TestPostgres.CreateDatabaseAsync();
        var warehouse = await database.OpenWarehouseAsync();
        await PipelineSeed.SeedAsync(database.DataSource);
        var key = (await new ApiKeyStore(warehouse).CreateAsync(keyUnit, ApiRole.Department, default)).Token;
        var values = settings?.Invoke(directory) ?? [];
        values["Api:RequestsPerMinute"] = "10000";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var host = ApiHost.Build(warehouse, configuration, 0, services => configureServices?.Invoke(services, configuration, warehouse));
        await host.StartAsync();
        var client = new HttpClient { BaseAddress = ApiHost.Address(host), Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return new SeededApiHost(database, warehouse, host, client, directory);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.StopAsync();
        await Host.DisposeAsync();
        await Warehouse.DisposeAsync();
        await Database.DisposeAsync();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
