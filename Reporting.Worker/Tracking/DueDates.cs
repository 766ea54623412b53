using Reporting.Templates.Model;
using Reporting.Worker.Calendar;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Tracking;

/// <summary>The last day a report of a period may arrive: unit reports at Sở Nội vụ, the consolidated one at
/// UBND tỉnh.</summary>
public interface IDueDateSource
{
    DateOnly DueDate(ReportKind kind, string periodCode, bool consolidated);
}

/// <summary>
/// Due dates from the reporting calendar (section <c>Calendar:Deadlines</c>, <see cref="CalendarOptions"/>): annual
/// unit reports on 5 December, the consolidated one on 15 December; quarter, half and nine-month unit reports on the
/// 17th of the window's last month, the consolidated one on the 20th. The same table the schedule uses.
/// </summary>
public sealed class CalendarDueDates(CalendarOptions calendar) : IDueDateSource
{
    public DateOnly DueDate(ReportKind kind, string periodCode, bool consolidated)
    {
        var period = Period.Parse(kind, periodCode);
        var schedule = calendar.ScheduleFor(period);
        if (schedule is null)
        {
            // An ad hoc report has no calendar step: its window's last day is the only date it knows.
            return kind == ReportKind.Adhoc
                ? period.To
                : throw new ReportingException(ErrorCodes.BadConfiguration, $"Lịch báo cáo không có hạn cho loại báo cáo '{Period.KindName(kind)}'.");
        }

        return consolidated ? schedule.DepartmentToProvince : schedule.UnitToDepartment;
    }
}
