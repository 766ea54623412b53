using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Calendar;

/// <summary>
/// The instants an extract reads: the period's window [Start, End) with End capped at data_as_of (product decision 5),
/// and the whole civil months inside it (read from the monthly rollups; the rest is read live).
/// <see cref="Now"/> is the run's clock: rows stamped after it are data-quality issues.
/// </summary>
public sealed record ReportWindow(Period Period, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset DataAsOf, DateTimeOffset Now)
{
    /// <summary>The window of <paramref name="period"/> with data as of <paramref name="dataAsOf"/> (default: now).</summary>
    public static ReportWindow For(Period period, DateTimeOffset? dataAsOf, DateTimeOffset now)
    {
        var asOf = dataAsOf ?? now;
        if (asOf > now)
        {
            throw new ReportingException(ErrorCodes.BadPeriod,
                $"Thời điểm lấy số liệu {CivilTime.ToLocal(asOf):dd/MM/yyyy HH:mm} ở tương lai.");
        }

        if (asOf <= period.Start)
        {
            throw new ReportingException(ErrorCodes.BadPeriod,
                $"Kỳ {period.Label} bắt đầu ngày {period.From:dd/MM/yyyy}, sau thời điểm lấy số liệu {CivilTime.ToLocal(asOf):dd/MM/yyyy HH:mm}.");
        }

        var end = asOf < period.End ? asOf : period.End;
        return new ReportWindow(period, period.Start, end, end, now);
    }

    /// <summary>A data_as_of given as a civil day: the data include that whole day (so the instant is next midnight).</summary>
    public static DateTimeOffset EndOfDay(DateOnly day) => CivilTime.StartOf(day.AddDays(1));

    /// <summary>The last civil day with data in the window ("số liệu tính đến ngày ...").</summary>
    public DateOnly LastDay => CivilTime.DateOf(End.AddTicks(-1));

    /// <summary>True when data_as_of cut the window short (the annual report made before 14 December).</summary>
    public bool IsCutShort => End < Period.End;

    /// <summary>The first instant of a whole civil month inside the window; equals <see cref="WholeMonthsEnd"/> when none.</summary>
    public DateTimeOffset WholeMonthsStart => WholeMonths().Start;

    public DateTimeOffset WholeMonthsEnd => WholeMonths().End;

    private (DateTimeOffset Start, DateTimeOffset End) WholeMonths()
    {
        var from = CivilTime.DateOf(Start);
        var first = from.Day == 1 && CivilTime.StartOf(from) == Start ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var lastDay = CivilTime.DateOf(End);
        var after = new DateOnly(lastDay.Year, lastDay.Month, 1);
        var startInstant = CivilTime.StartOf(first);
        var endInstant = CivilTime.StartOf(after);
        return startInstant < endInstant && endInstant <= End ? (startInstant, endInstant) : (End, End);
    }

    /// <summary>
    /// The same window one year earlier, cut at the same point: data as of one year before this one's data_as_of
    /// when that falls inside it, so a report made on 30 November compares with 30 November last year.
    /// </summary>
    public ReportWindow YearEarlier()
    {
        var previous = Period.YearEarlier();
        var cut = IsCutShort ? End.AddYears(-1) : previous.End;
        var end = cut < previous.End ? cut : previous.End;
        return new ReportWindow(previous, previous.Start, end, end, Now);
    }
}
