using Microsoft.Extensions.Configuration;
using Reporting.Templates.Model;
using Reporting.Worker.Calendar;
using Reporting.Worker.Tracking;

namespace Reporting.Tests.Tracking;

public sealed class CalendarDueDatesTests
{
    [Fact]
    public void DueDates_ComeFromTheCalendarsDeadlines_ForEachKindAndStep()
    {
        var due = new CalendarDueDates(CalendarOptions.Default);

        Assert.Equal(new DateOnly(2026, 12, 5), due.DueDate(ReportKind.Annual, "2026", consolidated: false));
        Assert.Equal(new DateOnly(2026, 12, 15), due.DueDate(ReportKind.Annual, "2026", consolidated: true));
        Assert.Equal(new DateOnly(2026, 9, 17), due.DueDate(ReportKind.Quarter, "2026-Q3", consolidated: false));
        Assert.Equal(new DateOnly(2026, 9, 20), due.DueDate(ReportKind.Quarter, "2026-Q3", consolidated: true));
    }

    [Fact]
    public void DueDates_FollowAConfiguredCalendar()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Calendar:Deadlines:annual:Unit"] = "11-30",
            ["Calendar:Deadlines:quarter:Consolidated"] = "25",
        }).Build();

        var due = new CalendarDueDates(CalendarOptions.From(configuration));

        Assert.Equal(new DateOnly(2026, 11, 30), due.DueDate(ReportKind.Annual, "2026", consolidated: false));
        Assert.Equal(new DateOnly(2026, 6, 25), due.DueDate(ReportKind.Quarter, "2026-Q2", consolidated: true));
    }
}
