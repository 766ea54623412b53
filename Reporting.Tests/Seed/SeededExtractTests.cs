using Dapper;
using Reporting.Templates.Model;
using Reporting.Worker.Calendar;
using Reporting.Worker.Extract;
using Reporting.Worker.Pipeline;

namespace Reporting.Tests.Seed;

/// <summary>
/// The seeder loads with row triggers skipped for speed; the rollup's dirty-month triggers are skipped with them.
/// These pin that a warehouse made by the product's own seeder still gives balanced figures from the rollup path.
/// </summary>
public sealed class SeededExtractTests(SeededProvinceFixture fixture) : IClassFixture<SeededProvinceFixture>
{
    [Fact]
    public async Task Seed_MarksEveryMonthItTouched_SoTheRollupIsRefreshedBeforeTheFirstExtract()
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        var unmarked = await connection.ExecuteScalarAsync<long>("""
            select count(distinct m) from dossier d
            cross join lateral (values (civil_month(d.received_at)), (civil_month(d.finished_at))) v (m)
            where m is not null
              and m not in (select month from dossier_rollup_dirty)
              and m not in (select month from dossier_month_rollup)
            """);
        Assert.Equal(0, unmarked);
    }

    [Theory]
    [InlineData(ReportKind.Annual, "2026", ReportKey.Province)]
    [InlineData(ReportKind.Annual, "2026", "AG.SNV")]
    [InlineData(ReportKind.Annual, "2025", ReportKey.Province)]
    [InlineData(ReportKind.Quarter, "2026-Q3", "AG.STP")]
    public async Task SeededWarehouse_PassesEveryConsistencyCheck_AndBalances(ReportKind kind, string period, string unit)
    {
        var source = new WarehouseReportDataSource(fixture.Database.DataSource, CalendarOptions.Default, null, new Clock(SeededProvinceFixture.Now));
        var data = await source.LoadAsync(new ReportRequest(new ReportKey(kind, period, unit)), CancellationToken.None);
        var total = data.Model.TthcByField.Total;
        Assert.True(total.ReceivedTotal > 0);
        Assert.True(total.Balances);
        // The official form has no district group after 2025-06-30, even when ended units still hold dossiers.
        Reporting.Templates.Rendering.ReportRenderer.EnsurePrintable(data.Model);
    }

    [Fact]
    public async Task Fingerprint_OfAnOpenPeriod_IsTheSameForARunMinutesLater_WhenNoDataChanged()
    {
        // The annual 2026 window is still open, so its end is the run's clock; no seeded data fall between the two.
        async Task<string> FingerprintAt(DateTimeOffset now) =>
            (await new WarehouseReportDataSource(fixture.Database.DataSource, CalendarOptions.Default, null, new Clock(now))
                .LoadAsync(new ReportRequest(new ReportKey(ReportKind.Annual, "2026", "AG.SNV")), CancellationToken.None)).Fingerprint;

        var first = await FingerprintAt(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(7)));
        var later = await FingerprintAt(new DateTimeOffset(2026, 11, 21, 10, 5, 0, TimeSpan.FromHours(7)));
        Assert.Equal(first, later);
    }

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
