using Microsoft.Extensions.Configuration;
using Reporting.Templates.Model;
using Reporting.Tests.Deliver;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Calendar;
using Reporting.Worker.Cli;
using Reporting.Worker.Deliver;
using Reporting.Worker.Pipeline;
using Reporting.Worker.Tracking;

namespace Reporting.Tests.Tracking;

public sealed class SubmissionTrackerTests(DatabaseFixture database, SmtpServerFixture smtp)
    : IClassFixture<DatabaseFixture>, IClassFixture<SmtpServerFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Dec3 = CivilTime.StartOf(new DateOnly(2026, 12, 3)).AddHours(9);
    private readonly ManualClock _clock = new(Dec3);
    private TrackingServices _services = null!;

    public async Task InitializeAsync()
    {
        await TrackingTestData.SeedAsync(database.Database.DataSource);
        var options = DeliveryTestData.Options(smtp.Server);
        options.SendOwnCopy = false;
        _services = new TrackingServices(database.Database.DataSource, options, _clock, moreSources: new WorkerAndArchiveStub());

        // STP: issued and delivered on 3 December. SXD: issued, but Sở Nội vụ's server refuses it. X-VH: delivered
        // on 7 December, after the due date.
        await _services.Delivery.DeliverAsync(Version("STP", 1), Files(), CancellationToken.None);
        await smtp.Server.CommandAsync($"reject {DeliveryTestData.Superior}");
        await _services.Delivery.DeliverAsync(Version("SXD", 2), Files(), CancellationToken.None);
        await smtp.Server.CommandAsync("clear");
        _clock.Set(CivilTime.StartOf(new DateOnly(2026, 12, 7)).AddHours(8));
        await _services.Delivery.DeliverAsync(Version("X-VH", 3), Files(), CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static ReportVersion Version(string unit, int number) =>
        new(50_000 + number, new ReportKey(ReportKind.Annual, "2026", unit), 1, unit, number, $"BC-{unit}", new DateOnly(2026, 12, 3), "ab", "t1", SigningPolicy.System);

    private static IReadOnlyList<DeliveredFile> Files() => [new DeliveredFile("a.pdf", "application/pdf", "%PDF-1.4 test"u8.ToArray())];

    [Fact]
    public async Task Build_ExpectsTodaysDepartmentsAndCommunes_AndNoDistrictAfterTheReform()
    {
        var report = await _services.Tracker.BuildAsync(ReportKind.Annual, "2026", Dec3, CancellationToken.None);

        Assert.Equal(["SNV", "STP", "SXD", "X-CT", "X-VH"], report.Units.Select(u => u.UnitCode));
        Assert.Equal(new DateOnly(2026, 12, 5), report.UnitDueDate);
        Assert.Equal(new DateOnly(2026, 12, 15), report.Consolidated.DueDate);
    }

    [Fact]
    public async Task Build_ForAPeriodBeforeTheReform_ExpectsTheDistrictAndTheUnitsThatExistedThen()
    {
        var report = await _services.Tracker.BuildAsync(ReportKind.Annual, "2024", Dec3, CancellationToken.None);

        Assert.Equal(["SNV", "STP", "SXD", "H-CT", "X-AH", "X-VH"], report.Units.Select(u => u.UnitCode));
    }

    [Fact]
    public async Task Build_ShowsEachUnitsFurthestState_AndWhoIsLateAfterTheDueDate()
    {
        var onDec6 = CivilTime.StartOf(new DateOnly(2026, 12, 6)).AddHours(10);

        var report = await _services.Tracker.BuildAsync(ReportKind.Annual, "2026", onDec6, CancellationToken.None);

        var rows = report.Units.ToDictionary(u => u.UnitCode);
        Assert.Equal((SubmissionState.AwaitingSignature, true), (rows["SNV"].Status.State, rows["SNV"].Late));
        Assert.Equal((SubmissionState.Delivered, false), (rows["STP"].Status.State, rows["STP"].Late));
        Assert.Equal("01/BC-STP", rows["STP"].Status.DocumentNumber);
        Assert.Equal((SubmissionState.Issued, true), (rows["SXD"].Status.State, rows["SXD"].Late));
        Assert.Equal((SubmissionState.NotStarted, true), (rows["X-CT"].Status.State, rows["X-CT"].Late));
        Assert.Equal((SubmissionState.Delivered, true), (rows["X-VH"].Status.State, rows["X-VH"].Late)); // delivered on 7/12
        Assert.False(report.Consolidated.Late); // due 15/12
        Assert.NotEmpty(rows["X-CT"].MissingInputs); // nothing entered through the input workbook
    }

    [Fact]
    public async Task Build_BeforeTheDueDate_CallsNobodyLate_ExceptThoseDeliveredAfterIt()
    {
        var report = await _services.Tracker.BuildAsync(ReportKind.Annual, "2026", Dec3, CancellationToken.None);

        Assert.Equal(["X-VH"], report.Units.Where(u => u.Late).Select(u => u.UnitCode));
    }

    [Fact]
    public async Task TrackingVerb_PrintsTheTableWithVietnameseHeadings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Warehouse"] = database.Database.ConnectionString,
        }).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await VerbTable.RunAsync(["tracking", "--period", "2026", "--on", "2026-12-06"], output, error, configuration);

        Assert.Equal((0, ""), (exit, error.ToString()));
        var lines = output.ToString().Split('\n');
        Assert.StartsWith("Theo dõi báo cáo năm 2026 (kỳ 2026); hạn đơn vị gửi Sở Nội vụ: 05/12/2026", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("Mã ", StringComparison.Ordinal) && l.Contains("| Đơn vị", StringComparison.Ordinal)
                                    && l.Contains("| Trạng thái", StringComparison.Ordinal) && l.EndsWith("| Trễ hạn", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("STP ", StringComparison.Ordinal) && l.Contains("Đã gửi (v1)", StringComparison.Ordinal)
                                    && l.Contains("03/12/2026", StringComparison.Ordinal) && !l.Contains("Trễ hạn", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("X-CT ", StringComparison.Ordinal) && l.Contains("Chưa có", StringComparison.Ordinal) && l.EndsWith("Trễ hạn", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Tổng số đơn vị phải báo cáo: 5;", StringComparison.Ordinal) && l.Contains("trễ hạn: 4;", StringComparison.Ordinal));
    }

    /// <summary>What the worker (Draft) and the archive (AwaitingSignature) will report once they land.</summary>
    private sealed class WorkerAndArchiveStub : IReportStatusSource
    {
        public Task<IReadOnlyList<UnitReportStatus>> GetAsync(ReportKind kind, string periodCode, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<UnitReportStatus>>(periodCode == "2026"
                ? [new UnitReportStatus("SNV", SubmissionState.AwaitingSignature, 1), new UnitReportStatus("STP", SubmissionState.Draft, 1)]
                : []);
    }
}
