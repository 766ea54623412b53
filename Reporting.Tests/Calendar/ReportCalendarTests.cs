using Microsoft.Extensions.Configuration;
using Reporting.Templates.Model;
using Reporting.Worker.Calendar;
using Reporting.Worker.Diagnostics;

namespace Reporting.Tests.Calendar;

public sealed class ReportCalendarTests
{
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, Vn);

    [Theory]
    [InlineData(ReportKind.Annual, "2026", "2026-12-05", "2026-12-15")]
    [InlineData(ReportKind.Quarter, "2026-Q3", "2026-09-17", "2026-09-20")]
    [InlineData(ReportKind.Quarter, "2026-Q1", "2026-03-17", "2026-03-20")]
    [InlineData(ReportKind.Half, "2026-H1", "2026-06-17", "2026-06-20")]
    [InlineData(ReportKind.NineMonths, "2026-9M", "2026-09-17", "2026-09-20")]
    public void DefaultDeadlines_FollowTheSeedsAndDomainBrief(ReportKind kind, string code, string unit, string consolidated)
    {
        var schedule = CalendarOptions.Default.ScheduleFor(Period.Parse(kind, code));
        Assert.NotNull(schedule);
        Assert.Equal(DateOnly.Parse(unit, System.Globalization.CultureInfo.InvariantCulture), schedule.UnitToDepartment);
        Assert.Equal(DateOnly.Parse(consolidated, System.Globalization.CultureInfo.InvariantCulture), schedule.DepartmentToProvince);
    }

    [Fact]
    public void AdhocReports_HaveNoCalendarDeadline() =>
        Assert.Null(CalendarOptions.Default.ScheduleFor(Period.Parse(ReportKind.Adhoc, "2026-01-01..2026-03-31")));

    [Fact]
    public void Configuration_OverridesRulesDeadlinesAndDataAsOf()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Calendar:WindowRules:half"] = "Calendar",
            ["Calendar:Deadlines:annual:Unit"] = "12-04",
            ["Calendar:Deadlines:quarter:Consolidated"] = "22",
            ["Calendar:DataAsOf"] = "2026-11-30",
        }).Build();
        var options = CalendarOptions.From(configuration);
        Assert.Equal(WindowRule.Calendar, options.RuleFor(ReportKind.Half));
        Assert.Equal(WindowRule.Decree09CutOff, options.RuleFor(ReportKind.Annual));
        Assert.Equal(new DateOnly(2026, 12, 4), options.ScheduleFor(Period.Parse(ReportKind.Annual, "2026"))!.UnitToDepartment);
        Assert.Equal(new DateOnly(2026, 12, 15), options.ScheduleFor(Period.Parse(ReportKind.Annual, "2026"))!.DepartmentToProvince);
        Assert.Equal(new DateOnly(2026, 9, 22), options.ScheduleFor(Period.Parse(ReportKind.Quarter, "2026-Q3"))!.DepartmentToProvince);
        Assert.Equal(new DateOnly(2026, 11, 30), options.DataAsOf);
    }

    [Theory]
    [InlineData("Calendar:WindowRules:annual", "Fortnightly")]
    [InlineData("Calendar:Deadlines:annual:Unit", "13-05")]
    [InlineData("Calendar:DataAsOf", "30/11/2026")]
    public void Configuration_RefusesABadValue_NamingTheKey(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var ex = Assert.Throws<ReportingException>(() => CalendarOptions.From(configuration));
        Assert.Equal(ErrorCodes.BadConfiguration, ex.Code);
        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Window_IsCutAtDataAsOf_AndSaysSo()
    {
        var window = ReportWindow.For(Period.Parse(ReportKind.Annual, "2026"), ReportWindow.EndOfDay(new DateOnly(2026, 11, 20)), Now);
        Assert.Equal(new DateTimeOffset(2025, 12, 15, 0, 0, 0, Vn), window.Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 0, 0, 0, Vn), window.End);
        Assert.Equal(new DateOnly(2026, 11, 20), window.LastDay);
        Assert.True(window.IsCutShort);

        var byClock = ReportWindow.For(Period.Parse(ReportKind.Annual, "2026"), null, Now);
        Assert.Equal(Now, byClock.End);
        Assert.Equal(new DateOnly(2026, 11, 23), byClock.LastDay);

        var closed = ReportWindow.For(Period.Parse(ReportKind.Annual, "2025"), null, Now);
        Assert.Equal(new DateTimeOffset(2025, 12, 15, 0, 0, 0, Vn), closed.End);
        Assert.False(closed.IsCutShort);
    }

    [Fact]
    public void Window_RefusesDataAsOfInTheFutureOrBeforeTheWindow()
    {
        Assert.Equal(ErrorCodes.BadPeriod, Assert.Throws<ReportingException>(() =>
            ReportWindow.For(Period.Parse(ReportKind.Annual, "2026"), Now.AddDays(1), Now)).Code);
        Assert.Equal(ErrorCodes.BadPeriod, Assert.Throws<ReportingException>(() =>
            ReportWindow.For(Period.Parse(ReportKind.Annual, "2027"), null, Now)).Code);
    }

    [Fact]
    public void Window_Edges_AreHalfOpenInVietnamTime_WhetherInstantsAreGivenLocallyOrInUtc()
    {
        var window = ReportWindow.For(Period.Parse(ReportKind.Quarter, "2026-Q3"), null, Now);
        bool In(DateTimeOffset t) => window.Start <= t && t < window.End;
        Assert.True(In(new DateTimeOffset(2026, 9, 14, 23, 59, 59, Vn)));
        Assert.False(In(new DateTimeOffset(2026, 9, 15, 0, 0, 0, Vn)));
        Assert.True(In(new DateTimeOffset(2026, 9, 14, 16, 59, 59, TimeSpan.Zero)));  // = 23:59:59 local
        Assert.False(In(new DateTimeOffset(2026, 9, 14, 17, 0, 0, TimeSpan.Zero)));   // = 00:00:00 local next day
        Assert.True(In(new DateTimeOffset(2026, 6, 14, 17, 0, 0, TimeSpan.Zero)));    // = 15/06 00:00 local, first instant
        Assert.False(In(new DateTimeOffset(2026, 6, 14, 16, 59, 59, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(ReportKind.Annual, "2025", WindowRule.Decree09CutOff, null, "2025-01-01", "2025-12-01")]
    [InlineData(ReportKind.Annual, "2026", WindowRule.Decree09CutOff, null, "2026-01-01", "2026-11-01")] // cut by the clock on 23/11
    [InlineData(ReportKind.Annual, "2026", WindowRule.Decree09CutOff, "2026-11-20", "2026-01-01", "2026-11-01")]
    [InlineData(ReportKind.Half, "2026-H1", WindowRule.Calendar, null, "2026-01-01", "2026-07-01")]
    [InlineData(ReportKind.Quarter, "2026-Q3", WindowRule.Decree09CutOff, null, "2026-07-01", "2026-09-01")]
    public void WholeMonths_AreTheCivilMonthsInsideTheWindow(ReportKind kind, string code, WindowRule rule, string? asOf, string from, string to)
    {
        var window = ReportWindow.For(Period.Parse(kind, code, rule),
            asOf is null ? null : ReportWindow.EndOfDay(DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture)), Now);
        Assert.Equal(CivilTime.StartOf(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture)), window.WholeMonthsStart);
        Assert.Equal(CivilTime.StartOf(DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)), window.WholeMonthsEnd);
    }

    [Fact]
    public void WholeMonths_AreEmpty_WhenTheWindowHoldsNoWholeMonth()
    {
        var window = ReportWindow.For(Period.Parse(ReportKind.Adhoc, "2025-06-20..2025-07-10"), null, Now);
        Assert.Equal(window.WholeMonthsStart, window.WholeMonthsEnd);
    }

    [Fact]
    public void YearEarlier_IsCutAtTheSamePoint_WhenDataAsOfCutThisYear()
    {
        var window = ReportWindow.For(Period.Parse(ReportKind.Annual, "2026"), ReportWindow.EndOfDay(new DateOnly(2026, 11, 30)), Now.AddDays(10));
        var previous = window.YearEarlier();
        Assert.Equal(new DateTimeOffset(2024, 12, 15, 0, 0, 0, Vn), previous.Start);
        Assert.Equal(new DateTimeOffset(2025, 12, 1, 0, 0, 0, Vn), previous.End);
        Assert.Equal("2025", previous.Period.Code);
    }
}
