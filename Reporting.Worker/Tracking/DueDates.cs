using System.Globalization;
using Reporting.Templates.Model;
using Reporting.Worker.Calendar;
using Reporting.Worker.Deliver;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Tracking;

/// <summary>The last day a report of a period may arrive: unit reports at Sở Nội vụ, the consolidated one at
/// UBND tỉnh. The calendar branch will supply these from its own table; until then, <see cref="ConfiguredDueDates"/>.</summary>
public interface IDueDateSource
{
    DateOnly DueDate(ReportKind kind, string periodCode, bool consolidated);
}

/// <summary>
/// Delivery:DueDates: annual unit reports on 5 December of the period's year, the consolidated one on 15 December
/// (design.md seeds); other kinds a number of days after the window's last day.
/// </summary>
public sealed class ConfiguredDueDates(DueDateOptions options) : IDueDateSource
{
    public DateOnly DueDate(ReportKind kind, string periodCode, bool consolidated)
    {
        var period = Period.Parse(kind, periodCode);
        if (kind == ReportKind.Annual)
        {
            var monthDay = consolidated ? options.AnnualConsolidated : options.AnnualUnit;
            if (!DateOnly.TryParseExact($"{period.Year:0000}-{monthDay}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
            {
                throw new ReportingException(ErrorCodes.BadConfiguration, $"Cấu hình Delivery:DueDates: '{monthDay}' không phải tháng-ngày (MM-dd).");
            }

            return due;
        }

        return period.To.AddDays(consolidated ? options.ConsolidatedDaysAfterWindow : options.UnitDaysAfterWindow);
    }
}
