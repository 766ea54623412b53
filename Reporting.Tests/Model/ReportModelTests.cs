using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Configuration;
using Reporting.Templates.Model;
using Reporting.Tests.Extract;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Calendar;
using Reporting.Worker.Cli;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Extract;
using Reporting.Worker.Model;
using Reporting.Worker.Pipeline;

namespace Reporting.Tests.Model;

/// <summary>Extract results mapped into the model: headers, groups, comparison with last year, ranking, fingerprint, the verb.</summary>
public sealed class ReportModelTests(ReportModelTests.ProvinceFixture fixture) : IClassFixture<ReportModelTests.ProvinceFixture>
{
    public sealed class ProvinceFixture : IAsyncLifetime
    {
        public TestDatabase Database { get; private set; } = null!;

        public SyntheticProvince Province { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Database = await TestPostgres.CreateDatabaseAsync();
            Province = await SyntheticProvince.CreateAsync(Database.DataSource, seed: 11, dossiers: 4000);
        }

        public async Task DisposeAsync() => await Database.DisposeAsync();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }

    private WarehouseReportDataSource Source() =>
        new(fixture.Database.DataSource, CalendarOptions.Default, null, new FixedClock(SyntheticProvince.Now));

    private Task<(ExtractResults Results, ReportModel Model)> LoadAsync(ReportKind kind, string period, string unit, DateTimeOffset? asOf = null) =>
        Source().LoadWithResultsAsync(new ReportRequest(new ReportKey(kind, period, unit), asOf), CancellationToken.None);

    [Fact]
    public async Task UnitReports_AreAddressedToSoNoiVu_ButSoNoiVusOwnReportGoesToTheProvinceCommittee()
    {
        var (_, justice) = await LoadAsync(ReportKind.Annual, "2026", "AG-STP");
        var (_, homeAffairs) = await LoadAsync(ReportKind.Annual, "2026", "AG-SNV");
        var (_, consolidated) = await LoadAsync(ReportKind.Annual, "2026", ReportKey.Province);
        Assert.Equal(["Sở Nội vụ tỉnh An Giang"], justice.Header.Addressees);
        Assert.Equal(["Ủy ban nhân dân tỉnh An Giang"], homeAffairs.Header.Addressees);
        Assert.Equal(["Ủy ban nhân dân tỉnh An Giang"], consolidated.Header.Addressees);
    }

    [Fact]
    public async Task DepartmentReport_IsHeadedByTheProvinceCommittee_AndTotalsEqualTheNaiveFigures()
    {
        var p = fixture.Province;
        var (results, model) = await LoadAsync(ReportKind.Annual, "2026", "AG-SNV");
        Assert.Equal(new Issuer("ỦY BAN NHÂN DÂN TỈNH AN GIANG", "SỞ NỘI VỤ", "SNV", "An Giang"), model.Header.Issuer);
        Assert.Equal(new DateOnly(2026, 11, 23), model.Header.IssueDate);
        Assert.Null(model.Header.DocumentNumber);
        Assert.Equal(new DateOnly(2026, 11, 23), model.Period.DataThrough);
        Assert.Equal(new DateOnly(2026, 12, 5), model.Period.UnitDue);
        Assert.Equal(new DateOnly(2026, 12, 15), model.Period.ConsolidatedDue);
        Assert.Equal(["Cấp tỉnh"], model.TthcByField.Groups.Select(g => g.Label));
        Assert.Null(model.TthcByUnit);
        Assert.Empty(model.Sections);

        var naive = NaiveFigures.Compute(p, [p.Agency["AG-SNV"], p.Agency["AG-SNV-TT"]], results.Window.Start, results.Window.End, SyntheticProvince.Now);
        var expected = TthcFigures.Sum(naive.Values.Select(r => r.Figures));
        Assert.Equal(expected, model.TthcByField.Total);
        Assert.Equal(expected, TthcFigures.Sum(model.TthcByField.Groups.SelectMany(g => g.Rows).Select(r => r.Figures)));
        Assert.True(model.TthcByField.Total.Balances);
        Assert.Equal(naive.Values.Sum(r => r.ResolvedPaidOnline), model.Services.OnlinePayment.Numerator);
        Assert.Equal(naive.Values.Sum(r => r.ResolvedHasFee), model.Services.OnlinePayment.Denominator);
        Assert.Equal(expected.ResolvedTotal + expected.InProgressTotal, model.Services.Decision766OnTime.Denominator);
        Assert.Contains("[7] + [11]", model.Services.Decision766OnTime.DenominatorLabel, StringComparison.Ordinal);
        Assert.Equal((1, 1, 2), (model.Services.ProceduresFullOnline, model.Services.ProceduresPartialOnline, model.Services.ProceduresTotal));
    }

    [Fact]
    public async Task CommuneFormedByMerger_IsComparedWithTheSumOfItsPredecessors_AndSaysSo()
    {
        var p = fixture.Province;
        var (results, model) = await LoadAsync(ReportKind.Half, "2026-H1", "N1");
        Assert.Equal(new Issuer("ỦY BAN NHÂN DÂN", "XÃ VĨNH HÒA", "UBND", "An Giang"), model.Header.Issuer);
        var lastYear = model.LastYear!;
        Assert.Equal(["C1", "C2"], lastYear.PredecessorCodes);
        Assert.Equal("số liệu cùng kỳ 2025 là tổng của Ủy ban nhân dân xã Vĩnh Hòa Hiệp, Ủy ban nhân dân xã Vĩnh Hòa Phú", lastYear.PredecessorNote);
        Assert.Equal(new DateOnly(2024, 12, 15), lastYear.PreviousFrom);
        Assert.Equal(new DateOnly(2025, 6, 14), lastYear.PreviousTo);
        var naive = NaiveFigures.Compute(p, [p.Agency["C1"], p.Agency["C2"]], results.PreviousWindow.Start, results.PreviousWindow.End, SyntheticProvince.Now);
        Assert.Equal(TthcFigures.Sum(naive.Values.Select(r => r.Figures)), lastYear.Previous);
        Assert.True(lastYear.Previous.ReceivedTotal > 0);
    }

    [Fact]
    public async Task AnnualComparisonAcrossTheReform_SumsTheOldCommunesAndTheNewOne_CutAtTheSameDay()
    {
        var p = fixture.Province;
        var (results, model) = await LoadAsync(ReportKind.Annual, "2026", "N1");
        Assert.Equal(["C1", "C2", "N1"], model.LastYear!.PredecessorCodes.Order());
        Assert.Equal(SyntheticProvince.Now.AddYears(-1), results.PreviousWindow.End);
        var naive = NaiveFigures.Compute(p, [p.Agency["C1"], p.Agency["C2"], p.Agency["N1"]], results.PreviousWindow.Start, results.PreviousWindow.End, SyntheticProvince.Now);
        Assert.Equal(TthcFigures.Sum(naive.Values.Select(r => r.Figures)), model.LastYear.Previous);
    }

    [Fact]
    public async Task ConsolidatedReport_HasUnitRowsRankingAndDistrictGroupOnlyBeforeTheReform()
    {
        var (_, straddling) = await LoadAsync(ReportKind.Annual, "2025", ReportKey.Province);
        Assert.True(straddling.IsConsolidated);
        Assert.Equal(new Issuer("ỦY BAN NHÂN DÂN TỈNH AN GIANG", "SỞ NỘI VỤ", "SNV", "An Giang"), straddling.Header.Issuer);
        Assert.Contains("Cấp huyện", straddling.TthcByField.Groups.Select(g => g.Label));
        Assert.Contains("Ủy ban nhân dân huyện Châu Thành", straddling.TthcByUnit!.Groups.SelectMany(g => g.Rows).Select(r => r.Label));
        Assert.Equal(straddling.TthcByField.Total, straddling.TthcByUnit.Total);
        Assert.Equal(straddling.TthcByField.Total, TthcFigures.Sum(straddling.TthcByUnit.Groups.SelectMany(g => g.Rows).Select(r => r.Figures)));
        Assert.Null(straddling.LastYear!.PredecessorNote);

        var ranking = straddling.Ranking;
        Assert.True(ranking.Count >= 5);
        Assert.Equal(1, ranking[0].Rank);
        Assert.True(ranking.Zip(ranking.Skip(1)).All(x => x.First.OnTimeRate.Percent >= x.Second.OnTimeRate.Percent && x.First.Rank <= x.Second.Rank));
        var overdue = straddling.MostOverdueFields;
        Assert.NotEmpty(overdue);
        Assert.True(overdue.Zip(overdue.Skip(1)).All(x => x.First.ResolvedLate + x.First.InProgressOverdue >= x.Second.ResolvedLate + x.Second.InProgressOverdue));
        Assert.Equal(DataQualityRules.All.Order(), straddling.DataQuality.Rules.Select(r => r.Code).Order());

        var (_, after) = await LoadAsync(ReportKind.Quarter, "2026-Q3", ReportKey.Province);
        Assert.DoesNotContain("Cấp huyện", after.TthcByField.Groups.Select(g => g.Label));
        Assert.Equal(after.TthcByField.Total, TthcFigures.Sum(after.TthcByField.Groups.SelectMany(g => g.Rows).Select(r => r.Figures)));
    }

    [Fact]
    public async Task Fingerprint_IsStableForTheSameData_AndChangesWithTheData()
    {
        var asOf = ReportWindow.EndOfDay(new DateOnly(2026, 9, 30));
        var request = new ReportRequest(new ReportKey(ReportKind.Quarter, "2026-Q3", "C3"), asOf);
        var first = await Source().LoadAsync(request, CancellationToken.None);
        var again = await Source().LoadAsync(request, CancellationToken.None);
        Assert.Equal(first.Fingerprint, again.Fingerprint);
        Assert.Matches("^[0-9a-f]{64}$", first.Fingerprint);

        var u = fixture.Province;
        await using (var c = await fixture.Database.DataSource.OpenConnectionAsync())
        {
            var procedure = u.Procedures.First(x => x.Level == "commune").Id;
            await SyntheticProvince.InsertDossiersAsync(c, [new TestDossier("LATE-ARRIVAL", procedure, u.Agency["C3"], 2,
                new DateTimeOffset(2026, 7, 3, 9, 0, 0, SyntheticProvince.Vn), new DateTimeOffset(2026, 7, 10, 0, 0, 0, SyntheticProvince.Vn),
                null, null, "in_progress", false, false, false)]);
        }

        var later = await Source().LoadAsync(request, CancellationToken.None);
        Assert.NotEqual(first.Fingerprint, later.Fingerprint);
        Assert.Equal(first.Model.TthcByField.Total.ReceivedOnline + 1, later.Model.TthcByField.Total.ReceivedOnline);
    }

    [Fact]
    public async Task ReportDataVerb_PrintsTheModelAsJson_WithVietnameseUnescaped()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Warehouse"] = fixture.Database.ConnectionString,
        }).Build();
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await VerbTable.RunAsync(["report-data", "--kind", "annual", "--period", "2026", "--unit", "province", "--as-of", "2026-10-31", "--json"],
            output, error, configuration);
        Assert.True(code == 0, error.ToString());
        var json = output.ToString();
        Assert.Contains("ỦY BAN NHÂN DÂN TỈNH AN GIANG", json, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json);
        Assert.Matches("# dấu vân tay số liệu \\(SHA-256\\): [0-9a-f]{64}", error.ToString());
        var period = doc.RootElement.GetProperty("Period");
        Assert.Equal("2026-10-31", period.GetProperty("DataThrough").GetString());
        Assert.Equal("Decree09CutOff", period.GetProperty("Rule").GetString());
    }

    [Fact]
    public async Task ReportDataVerb_RefusesAnUnknownUnit_WithAStableCode()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Warehouse"] = fixture.Database.ConnectionString,
        }).Build();
        var error = new StringWriter();
        var code = await VerbTable.RunAsync(["report-data", "--kind", "annual", "--period", "2026", "--unit", "NO-SUCH-UNIT", "--json"],
            new StringWriter(), error, configuration);
        Assert.Equal(1, code);
        Assert.Contains($"[{ErrorCodes.UnknownUnit}]", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("NO-SUCH-UNIT", error.ToString(), StringComparison.Ordinal);
    }
}
