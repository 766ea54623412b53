using Dapper;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Seed;

namespace Reporting.Tests.Seed;

public sealed class ProvinceSeederTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 30, 12, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task Seed_WithAMidMorningClock_DatesNothingAfterIt()
    {
        await using var db = await TestPostgres.CreateDatabaseAsync();
        var now = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.FromHours(7));
        await new ProvinceSeeder(db.DataSource).SeedAsync(new SeedOptions(3000, 7, 2026, now, IfEmpty: false), CancellationToken.None);
        await using var connection = await db.DataSource.OpenConnectionAsync();
        var future = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, """
            select count(*) from dossier
            where received_at > @now or finished_at > @now or ended_at > @now or returned_at > @now
            """, new { now = now.ToUniversalTime() });
        Assert.Equal(0, future);
    }

    [Fact]
    public async Task Seed_WithTheSameSeed_GivesTheSameRows_AndAnotherSeedGivesOthers()
    {
        var first = await SeedAndFingerprintAsync(2000, 7);
        var again = await SeedAndFingerprintAsync(2000, 7);
        var other = await SeedAndFingerprintAsync(2000, 8);

        Assert.Equal(first, again);
        Assert.Equal(2000, first.Dossiers);
        Assert.NotEqual(first.DossierChecksum, other.DossierChecksum);
        Assert.NotEqual(first.EventChecksum, other.EventChecksum);
        Assert.Equal(first.Agencies, other.Agencies);   // the shape of the province does not depend on the seed
    }

    [Fact]
    public async Task Seed_RefusesANonEmptyWarehouse_AndIfEmptyChangesNothing()
    {
        await using var db = await TestPostgres.CreateDatabaseAsync();
        var seeder = new ProvinceSeeder(db.DataSource);
        await seeder.SeedAsync(new SeedOptions(500, 1, 2025, Now, IfEmpty: true), CancellationToken.None);
        var before = await FingerprintAsync(db);

        var skipped = await seeder.SeedAsync(new SeedOptions(500, 2, 2025, Now, IfEmpty: true), CancellationToken.None);
        var ex = await Assert.ThrowsAsync<ReportingException>(() => seeder.SeedAsync(new SeedOptions(500, 2, 2025, Now, IfEmpty: false), CancellationToken.None));

        Assert.True(skipped.Skipped);
        Assert.Equal(ErrorCodes.SeedNotEmpty, ex.Code);
        Assert.Equal(before, await FingerprintAsync(db));
    }

    private static async Task<Fingerprint> SeedAndFingerprintAsync(long dossiers, ulong seed)
    {
        await using var db = await TestPostgres.CreateDatabaseAsync();
        await new ProvinceSeeder(db.DataSource).SeedAsync(new SeedOptions(dossiers, seed, 2024, Now, IfEmpty: false), CancellationToken.None);
        return await FingerprintAsync(db);
    }

    /// <summary>Counts and md5 checksums over rows keyed by codes (never by generated ids).</summary>
    private static async Task<Fingerprint> FingerprintAsync(TestDatabase db)
    {
        await using var c = await db.DataSource.OpenConnectionAsync();
        return await c.QuerySingleAsync<Fingerprint>("""
            select
              (select count(*) from agency) as agencies,
              (select count(*) from dossier) as dossiers,
              (select count(*) from dossier_event) as events,
              (select count(*) from feedback) + (select count(*) from plan_task) as siderows,
              (select md5(string_agg(concat_ws('|', d.code, p.code, r.code, a.code, d.channel, d.received_at, d.due_at, d.finished_at,
                      d.returned_at, d.ended_at, d.state, d.has_fee, d.paid_online, d.result_digitised, d.reused_digitised, d.rating,
                      d.updated_at), ',' order by d.code))
               from dossier d join procedure p on p.id = d.procedure_id join agency r on r.id = d.receiving_agency_id
               join agency a on a.id = d.deciding_agency_id) as dossierchecksum,
              (select md5(string_agg(concat_ws('|', d.code, e.kind, e.occurred_at, e.new_due_at), ',' order by d.code, e.occurred_at, e.kind))
               from dossier_event e join dossier d on d.id = e.dossier_id) as eventchecksum
            """);
    }

    private sealed record Fingerprint(long Agencies, long Dossiers, long Events, long SideRows, string? DossierChecksum, string? EventChecksum);
}
