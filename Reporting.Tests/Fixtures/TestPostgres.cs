using Npgsql;
using Reporting.Worker.Database;

namespace Reporting.Tests.Fixtures;

/// <summary>
/// One throwaway PostgreSQL cluster per test run (never the demo cluster), started on first use with the same
/// <see cref="EmbeddedCluster"/> the product uses, migrated once into a template database; each test class gets
/// its own database cloned from the template, so no test sees another's rows. REPORTING_TEST_POSTGRES (a
/// connection string to a server we may create databases on) replaces the throwaway cluster.
/// A missing PostgreSQL fails the tests: nothing skips itself into green.
/// </summary>
public static class TestPostgres
{
    private const string Template = "reporting_template";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _serverConnection;
    private static EmbeddedCluster? _cluster;
    private static int _counter;

    /// <summary>A fresh, migrated database, dropped when disposed.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync()
    {
        var server = await ServerAsync();
        var name = $"test_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name} template {Template}", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new TestDatabase(server, name);
    }

    /// <summary>Connection string to the server's maintenance database.</summary>
    public static async Task<string> ServerAsync()
    {
        if (_serverConnection is not null)
        {
            return _serverConnection;
        }

        await Gate.WaitAsync();
        try
        {
            if (_serverConnection is null)
            {
                var configured = Environment.GetEnvironmentVariable("REPORTING_TEST_POSTGRES");
                string server;
                if (!string.IsNullOrEmpty(configured))
                {
                    server = configured;
                }
                else
                {
                    await RemoveStaleClustersAsync();
                    var root = Path.Combine(Path.GetTempPath(), $"reporting-test-pg-{Environment.ProcessId}");
                    _cluster = new EmbeddedCluster(root);
                    var cs = await _cluster.StartAsync(TextWriter.Null, CancellationToken.None);
                    server = new NpgsqlConnectionStringBuilder(cs) { Database = "postgres" }.ConnectionString;
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => _cluster.DestroyAsync().GetAwaiter().GetResult();
                }

                await CreateTemplateAsync(server);
                _serverConnection = server;
            }

            return _serverConnection;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Clusters left by test processes that no longer exist (killed runs, cut-short exit handlers).</summary>
    private static async Task RemoveStaleClustersAsync()
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), "reporting-test-pg-*"))
        {
            if (int.TryParse(Path.GetFileName(dir)["reporting-test-pg-".Length..], out var pid) && !ProcessIsAlive(pid))
            {
                await new EmbeddedCluster(dir).DestroyAsync();
            }
        }
    }

    /// <summary>Whether a process of this id still runs (a stale-directory sweep keeps what a live process owns).</summary>
    internal static bool ProcessIsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task CreateTemplateAsync(string server)
    {
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop database if exists {Template} with (force)", admin);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"create database {Template}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var template = new NpgsqlConnectionStringBuilder(server) { Database = Template, Pooling = false }.ConnectionString;
        Migrations.Apply(template, TextWriter.Null);
    }
}

/// <summary>A database of one test class; dropped on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _server;

    internal TestDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The product's own handle on this database (migrations are already applied: a no-op).</summary>
    public Task<Warehouse> OpenWarehouseAsync() => Warehouse.OpenAsync(ConnectionString, embedded: false, TextWriter.Null);

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists {Name} with (force)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>xunit class fixture: one fresh database for the test class.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("not initialised");

    public async Task InitializeAsync() => _database = await TestPostgres.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
