using Reporting.Templates.Model;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Calendar;
using Reporting.Worker.Extract;
using static Reporting.Tests.Extract.MiniUnit;

namespace Reporting.Tests.Extract;

/// <summary>One test per data-quality rule: the bad row is counted under its code, listed with a reason, and excluded from every figure.</summary>
public sealed class DataQualityTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Now = Local(2026, 3, 20, 12);

    private async Task AssertExcludedAsync(string unitCode, string rule, string reasonFragment, Func<MiniUnit, TestDossier> bad)
    {
        var u = await MiniUnit.CreateAsync(fixture.Database.DataSource, unitCode);
        var good = u.Dossier("good", 2, Local(2026, 3, 2), Local(2026, 3, 10), Local(2026, 3, 5));
        await MiniUnit.InsertAsync(fixture.Database.DataSource, good, bad(u));

        var window = ReportWindow.For(Period.Parse(ReportKind.Adhoc, "2026-03-01..2026-03-31"), null, Now);
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        await TthcExtract.RefreshRollupAsync(c, CancellationToken.None);
        foreach (var rows in new[]
        {
            await TthcExtract.LiveAsync(c, window, [u.AgencyId], CancellationToken.None),
            await TthcExtract.RollupAsync(c, window, [u.AgencyId], CancellationToken.None),
        })
        {
            var f = Assert.Single(rows).Figures;
            Assert.Equal(new TthcFigures(1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0), f);
        }

        var listed = Assert.Single(await TthcExtract.DataQualityAsync(c, window, [u.AgencyId], CancellationToken.None));
        Assert.Equal(rule, listed.Rule);
        Assert.Equal(1, listed.RuleCount);
        Assert.Equal($"{unitCode}-bad", listed.DossierCode);
        Assert.Contains(reasonFragment, listed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public Task ClosedBeforeReceived_IsListedAndExcluded() => AssertExcludedAsync("DQ1", DataQualityRules.ClosedBeforeReceived, "trước khi tiếp nhận",
        u => u.Dossier("bad", 1, Local(2026, 3, 5), Local(2026, 3, 10), Local(2026, 3, 4)));

    [Fact]
    public Task StateInconsistent_IsListedAndExcluded() => AssertExcludedAsync("DQ2", DataQualityRules.StateInconsistent, "in_progress",
        u => u.Dossier("bad", 1, Local(2026, 3, 5), Local(2026, 3, 10), ended: Local(2026, 3, 6), state: "in_progress"));

    [Fact]
    public Task MissingDue_IsListedAndExcluded() => AssertExcludedAsync("DQ3", DataQualityRules.MissingDue, "không có ngày hẹn",
        u => u.Dossier("bad", 1, Local(2026, 3, 5), null, Local(2026, 3, 6)));

    [Fact]
    public Task DueBeforeReceived_IsListedAndExcluded() => AssertExcludedAsync("DQ4", DataQualityRules.DueBeforeReceived, "trước ngày tiếp nhận",
        u => u.Dossier("bad", 1, Local(2026, 3, 5), Local(2026, 3, 1), Local(2026, 3, 6)));

    [Fact]
    public Task FutureTimestamp_IsListedAndExcluded_EvenFromTheRollupMonths() => AssertExcludedAsync("DQ5", DataQualityRules.FutureTimestamp, "sau thời điểm lấy số liệu",
        u => u.Dossier("bad", 1, Local(2026, 3, 5), Local(2026, 3, 25), Local(2026, 3, 21)));

    [Fact]
    public async Task FutureReceipt_IsListed_AndTheAnnexCapsItemsButKeepsTheFullCount()
    {
        var u = await MiniUnit.CreateAsync(fixture.Database.DataSource, "CAP");
        var rows = Enumerable.Range(0, TthcExtract.DataQualityCap + 7)
            .Select(i => u.Dossier($"future-{i:000}", 1, Local(2026, 3, 21).AddMinutes(i), Local(2026, 3, 30)))
            .ToArray();
        await MiniUnit.InsertAsync(fixture.Database.DataSource, rows);
        var window = ReportWindow.For(Period.Parse(ReportKind.Adhoc, "2026-03-01..2026-03-31"), null, Now);
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        var listed = await TthcExtract.DataQualityAsync(c, window, [u.AgencyId], CancellationToken.None);
        Assert.Equal(TthcExtract.DataQualityCap, listed.Count);
        Assert.All(listed, q => Assert.Equal(TthcExtract.DataQualityCap + 7, q.RuleCount));
        Assert.Empty(await TthcExtract.LiveAsync(c, window, [u.AgencyId], CancellationToken.None));
    }
}
