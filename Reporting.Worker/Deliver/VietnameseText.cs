using System.Globalization;
using Reporting.Templates.Model;
using Reporting.Worker.Calendar;

namespace Reporting.Worker.Deliver;

/// <summary>The few Vietnamese phrases delivery and tracking print (dates, kind names).</summary>
internal static class VietnameseText
{
    /// <summary>"ngày 05 tháng 12 năm 2026": leading zero on days 1–9 and on months 1 and 2 only.</summary>
    public static string Date(DateOnly date) =>
        $"ngày {date.Day:00} tháng {(date.Month <= 2 ? date.Month.ToString("00", CultureInfo.InvariantCulture) : date.Month.ToString(CultureInfo.InvariantCulture))} năm {date.Year}";

    /// <summary>"05/12/2026" for table cells.</summary>
    public static string Short(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Short(DateTimeOffset instant) => Short(CivilTime.DateOf(instant));

    /// <summary>"năm 2026", "quý III năm 2026": the period as a report title names it.</summary>
    public static string PeriodLabel(ReportKind kind, string periodCode)
    {
        try
        {
            return Period.Parse(kind, periodCode).Label;
        }
        catch (Diagnostics.ReportingException)
        {
            return periodCode;
        }
    }

    public static string Size(long bytes) => bytes.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.');
}
