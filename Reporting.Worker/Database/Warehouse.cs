using Npgsql;
using Reporting.Worker.Cli;

namespace Reporting.Worker.Database;

/// <summary>
/// The dossier warehouse: a configured PostgreSQL (ConnectionStrings:Warehouse) or the embedded cluster under
/// the data directory, migrated on open. Hands out one <see cref="NpgsqlDataSource"/> for the process.
/// </summary>
public sealed class Warehouse : IAsyncDisposable
{
    private Warehouse(string connectionString, bool embedded)
    {
        ConnectionString = connectionString;
        IsEmbedded = embedded;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string ConnectionString { get; }

    public bool IsEmbedded { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<Warehouse> OpenAsync(ReportingSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var embedded = settings.WarehouseConnectionString is null;
        var connectionString = settings.WarehouseConnectionString
            ?? await new EmbeddedCluster(Path.Combine(settings.DataDirectory, "pg")).StartAsync(log, cancellationToken);
        return await OpenAsync(connectionString, embedded, log);
    }

    public static Task<Warehouse> OpenAsync(string connectionString, bool embedded, TextWriter log)
    {
        Migrations.Apply(connectionString, log);
        return Task.FromResult(new Warehouse(connectionString, embedded));
    }

    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        DataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
