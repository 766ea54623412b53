using Reporting.Templates.Model;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Calendar;
using Reporting.Worker.Extract;

namespace Reporting.Tests.Extract;

/// <summary>
/// Every figure of every extract, for several units and kinds of period, equals the naive computation over the raw
/// rows; the rollup path equals the live path dossier for dossier.
/// </summary>
public sealed class ExtractAgreementTests(ExtractAgreementTests.ProvinceFixture fixture) : IClassFixture<ExtractAgreementTests.ProvinceFixture>
{
    public sealed class ProvinceFixture : IAsyncLifetime
    {
        public TestDatabase Database { get; private set; } = null!;

        public SyntheticProvince Province { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Database = await TestPostgres.CreateDatabaseAsync();
            Province = await SyntheticProvince.CreateAsync(Database.DataSource, seed: 42, dossiers: 6000);
            await using var c = await Database.DataSource.OpenConnectionAsync();
            await TthcExtract.RefreshRollupAsync(c, CancellationToken.None);
        }

        public async Task DisposeAsync() => await Database.DisposeAsync();
    }

    public static TheoryData<ReportKind, string, WindowRule, string?, string> Cases => new()
    {
        { ReportKind.Annual, "2025", WindowRule.Decree09CutOff, null, "province" },          // straddles 2025-07-01
        { ReportKind.Annual, "2025", WindowRule.Decree09CutOff, null, "N1" },
        { ReportKind.Annual, "2025", WindowRule.Decree09CutOff, null, "AG-SNV" },
        { ReportKind.Annual, "2026", WindowRule.Decree09CutOff, null, "province" },          // cut at the clock
        { ReportKind.Annual, "2026", WindowRule.Decree09CutOff, "2026-09-30", "C3" },       // data as of a past day
        { ReportKind.Quarter, "2025-Q2", WindowRule.Decree09CutOff, null, "H1" },            // the district and its communes
        { ReportKind.Quarter, "2026-Q3", WindowRule.Decree09CutOff, null, "AG-STP" },
        { ReportKind.Half, "2026-H1", WindowRule.Calendar, null, "province" },               // whole calendar months only
        { ReportKind.NineMonths, "2026-9M", WindowRule.Decree09CutOff, null, "N1" },
        { ReportKind.Adhoc, "2025-06-20..2025-07-10", WindowRule.Requested, null, "province" }, // no whole month
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task LiveAndRollupPaths_EqualTheNaiveComputation_ForEveryFigure(ReportKind kind, string code, WindowRule rule, string? asOf, string unit)
    {
        var p = fixture.Province;
        var window = Window(kind, code, rule, asOf);
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        var units = unit == "province" ? null : await AgencyDirectory.SubtreeAsync(c, p.Agency[unit], window.Period.To, CancellationToken.None);

        var expected = NaiveFigures.Compute(p, units, window.Start, window.End, window.Now);
        var live = await TthcExtract.LiveAsync(c, window, units, CancellationToken.None);
        var rollup = await TthcExtract.RollupAsync(c, window, units, CancellationToken.None);

        Assert.True(expected.Count > 0, "the case must have dossiers");
        if (unit == "province" && kind == ReportKind.Annual)
        {
            // The data exercise every column and every data-quality rule, so a wrong definition cannot hide.
            var t = TthcFigures.Sum(expected.Values.Select(r => r.Figures));
            Assert.All(new[] { t.ReceivedOnline, t.ReceivedDirect, t.ReceivedPostal, t.CarriedOver, t.ResolvedEarly, t.ResolvedOnTime,
                t.ResolvedLate, t.InProgressWithinLimit, t.InProgressOverdue, t.Withdrawn, t.Stopped, t.Refused }, n => Assert.True(n > 0));
            Assert.Equal(DataQualityRules.All.Order(), NaiveFigures.DataQuality(p, units, window.Start, window.End, window.Now).Keys.Order());
        }

        AssertSameRows(expected, live, "live");
        AssertSameRows(expected, rollup, "rollup");
        ConsistencyChecks.Verify(unit, live, r => r.FieldId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ConsistencyChecks.Verify(unit, rollup, r => r.FieldId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var dq = await TthcExtract.DataQualityAsync(c, window, units, CancellationToken.None);
        var naiveDq = NaiveFigures.DataQuality(p, units, window.Start, window.End, window.Now);
        Assert.Equal(naiveDq.OrderBy(x => x.Key), dq.GroupBy(q => q.Rule).ToDictionary(g => g.Key, g => g.First().RuleCount).OrderBy(x => x.Key));
        Assert.All(dq.GroupBy(q => q.Rule), g => Assert.Equal(Math.Min(g.First().RuleCount, TthcExtract.DataQualityCap), g.Count()));

        var feedback = await TthcExtract.FeedbackAsync(c, window, units, CancellationToken.None);
        Assert.Equal(NaiveFigures.Feedback(p, units, window.Start, window.End), (feedback.Received, feedback.Handled, feedback.HandledOnTime, feedback.Pending));
        var tasks = await TthcExtract.PlanTasksAsync(c, window, units, CancellationToken.None);
        Assert.Equal(NaiveFigures.PlanTasks(p, units, window.Period.From, window.LastDay), (tasks.Due, tasks.Completed, tasks.CompletedOnTime));
        var notes = await TthcExtract.ProcessNotesAsync(c, window, units, CancellationToken.None);
        Assert.Equal(NaiveFigures.ProcessNotes(p, units, window.Start, window.End, window.Now), (notes.ApologiesIssued, notes.AwaitingSupplement));
    }

    [Fact]
    public async Task Subtrees_FollowTheTreeOnTheWindowsEndDate()
    {
        var p = fixture.Province;
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        async Task<int[]> Subtree(string code, DateOnly on) => (await AgencyDirectory.SubtreeAsync(c, p.Agency[code], on, CancellationToken.None)).Order().ToArray();
        Assert.Equal(new[] { p.Agency["H1"], p.Agency["C1"], p.Agency["C2"], p.Agency["C3"] }.Order(), await Subtree("H1", new DateOnly(2025, 6, 14)));
        Assert.Equal(new[] { p.Agency["AG-SNV"], p.Agency["AG-SNV-TT"] }.Order(), await Subtree("AG-SNV", new DateOnly(2026, 12, 14)));
        Assert.Equal([p.Agency["N1"]], await Subtree("N1", new DateOnly(2026, 12, 14)));
    }

    internal static ReportWindow Window(ReportKind kind, string code, WindowRule rule, string? asOf) =>
        ReportWindow.For(Period.Parse(kind, code, rule),
            asOf is null ? null : ReportWindow.EndOfDay(DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture)),
            SyntheticProvince.Now);

    internal static void AssertSameRows(Dictionary<(int Agency, string Level, int Field), TthcExtractRow> expected, IReadOnlyList<TthcExtractRow> actual, string path)
    {
        var byKey = actual.ToDictionary(r => (r.AgencyId, r.Level, r.FieldId));
        Assert.Equal(expected.Keys.Order().ToList(), byKey.Keys.Order().ToList());
        foreach (var (key, want) in expected)
        {
            var got = byKey[key];
            Assert.True(want == got, $"{path} {key}: expected {want} but got {got}");
        }
    }
}
