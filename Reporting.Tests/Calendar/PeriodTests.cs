using Reporting.Templates.Model;
using Reporting.Worker.Calendar;
using Reporting.Worker.Diagnostics;

namespace Reporting.Tests.Calendar;

public sealed class PeriodTests
{
    [Theory]
    [InlineData(ReportKind.Annual, "2026", "2025-12-15", "2026-12-14")]
    [InlineData(ReportKind.Quarter, "2026-Q1", "2025-12-15", "2026-03-14")]
    [InlineData(ReportKind.Quarter, "2026-Q3", "2026-06-15", "2026-09-14")]
    [InlineData(ReportKind.Half, "2026-H1", "2025-12-15", "2026-06-14")]
    [InlineData(ReportKind.NineMonths, "2026-9M", "2025-12-15", "2026-09-14")]
    public void Parse_UsesTheDecree09CutOffs(ReportKind kind, string code, string from, string to)
    {
        var period = Period.Parse(kind, code);
        Assert.Equal(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), period.From);
        Assert.Equal(DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), period.To);
    }

    [Fact]
    public void Parse_CalendarRule_UsesWholeMonths()
    {
        var period = Period.Parse(ReportKind.Half, "2026-H1", WindowRule.Calendar);
        Assert.Equal(new DateOnly(2026, 1, 1), period.From);
        Assert.Equal(new DateOnly(2026, 6, 30), period.To);
    }

    [Fact]
    public void Window_IsHalfOpenInVietnamTime_SoTheLastSecondOfTheLastDayIsIn()
    {
        var period = Period.Parse(ReportKind.Annual, "2026");
        var lastSecond = new DateTimeOffset(2026, 12, 14, 23, 59, 59, TimeSpan.FromHours(7));
        var nextMidnight = new DateTimeOffset(2026, 12, 15, 0, 0, 0, TimeSpan.FromHours(7));
        Assert.True(lastSecond < period.End);
        Assert.Equal(nextMidnight, period.End);
        // The same instant in UTC: 2026-12-14 17:00:00Z is local midnight, already outside.
        Assert.Equal(new DateTimeOffset(2026, 12, 14, 17, 0, 0, TimeSpan.Zero), period.End.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2025, 12, 14, 17, 0, 0, TimeSpan.Zero), period.Start.ToUniversalTime());
    }

    [Theory]
    [InlineData(ReportKind.Quarter, "2026-Q5")]
    [InlineData(ReportKind.Annual, "2026-Q1")]
    [InlineData(ReportKind.Adhoc, "2026-03-31..2026-01-01")]
    [InlineData(ReportKind.Adhoc, "2026-02-30..2026-03-01")]
    public void Parse_RefusesMalformedOrMismatchedCodes_WithAStableCode(ReportKind kind, string code)
    {
        var ex = Assert.Throws<ReportingException>(() => Period.Parse(kind, code));
        Assert.Equal(ErrorCodes.BadPeriod, ex.Code);
    }

    [Fact]
    public void Label_ReadsAsOfficialReportsWriteIt()
    {
        Assert.Equal("quý III năm 2026", Period.Parse(ReportKind.Quarter, "2026-Q3").Label);
        Assert.Equal("năm 2026", Period.Parse(ReportKind.Annual, "2026").Label);
        Assert.Equal("2025-Q3", Period.Parse(ReportKind.Quarter, "2026-Q3").YearEarlier().Code);
    }
}
