using Reporting.Tests.Fixtures;
using Reporting.Worker.Seed;

namespace Reporting.Tests.Import;

/// <summary>A fresh database holding the synthetic province's agencies and catalogue, and no dossiers.</summary>
public sealed class ReferenceDataFixture : IAsyncLifetime
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("not initialised");

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        await new ProvinceSeeder(_database.DataSource).SeedAsync(
            new SeedOptions(0, 1, 2026, new DateTimeOffset(2026, 3, 31, 12, 0, 0, TimeSpan.FromHours(7)), IfEmpty: false), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
