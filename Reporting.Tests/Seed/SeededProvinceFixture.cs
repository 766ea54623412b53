using Reporting.Tests.Fixtures;
using Reporting.Worker.Seed;

namespace Reporting.Tests.Seed;

/// <summary>A fresh database seeded once with a small province (3,000 dossiers, fixed clock) for a test class.</summary>
public sealed class SeededProvinceFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 23, 59, 59, TimeSpan.FromHours(7));

    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("not initialised");

    public SeedResult Result { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        Result = await new ProvinceSeeder(_database.DataSource).SeedAsync(new SeedOptions(3000, 42, 2022, Now, IfEmpty: false), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
