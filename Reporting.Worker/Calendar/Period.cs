using System.Globalization;
using System.Text.RegularExpressions;
using Reporting.Templates.Model;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Calendar;

/// <summary>
/// A reporting period: its kind, its code in design.md syntax (2026-Q3, 2026-H1, 2026-9M, 2026,
/// 2026-01-01..2026-03-31) and its data window as civil dates [From, To], both inclusive. The instants of the
/// window are half-open: [<see cref="Start"/>, <see cref="End"/>) in Asia/Ho_Chi_Minh.
/// </summary>
public sealed partial record Period(ReportKind Kind, string Code, int Year, DateOnly From, DateOnly To, WindowRule Rule)
{
    public DateTimeOffset Start => CivilTime.StartOf(From);

    public DateTimeOffset End => CivilTime.StartOf(To.AddDays(1));

    /// <summary>The same window one year earlier (for "so với cùng kỳ").</summary>
    public Period YearEarlier() => this with
    {
        Code = Kind == ReportKind.Adhoc ? $"{From.AddYears(-1):yyyy-MM-dd}..{To.AddYears(-1):yyyy-MM-dd}" : ShiftCode(Code),
        Year = Year - 1,
        From = From.AddYears(-1),
        To = To.AddYears(-1),
    };

    /// <summary>Vietnamese label: "quý III năm 2026", "6 tháng đầu năm 2026", "năm 2026", "từ 01/01/2026 đến 31/03/2026".</summary>
    public string Label => Kind switch
    {
        ReportKind.Quarter => $"quý {Roman(QuarterNumber)} năm {Year}",
        ReportKind.Half => $"6 tháng đầu năm {Year}",
        ReportKind.NineMonths => $"9 tháng năm {Year}",
        ReportKind.Annual => $"năm {Year}",
        _ => $"từ ngày {From:dd/MM/yyyy} đến ngày {To:dd/MM/yyyy}",
    };

    private int QuarterNumber => int.Parse(Code[^1..], CultureInfo.InvariantCulture);

    public static ReportKind ParseKind(string kind) => kind switch
    {
        "quarter" => ReportKind.Quarter,
        "half" => ReportKind.Half,
        "nine-months" => ReportKind.NineMonths,
        "annual" => ReportKind.Annual,
        "adhoc" => ReportKind.Adhoc,
        _ => throw new ReportingException(ErrorCodes.BadKind,
            $"Loại kỳ báo cáo '{kind}' không hợp lệ; dùng quarter, half, nine-months, annual hoặc adhoc."),
    };

    public static string KindName(ReportKind kind) => kind switch
    {
        ReportKind.Quarter => "quarter",
        ReportKind.Half => "half",
        ReportKind.NineMonths => "nine-months",
        ReportKind.Annual => "annual",
        _ => "adhoc",
    };

    /// <summary>
    /// Parses a period code for a kind, with the Nghị định 09/2019 cut-offs (15th of the previous month to the
    /// 14th) unless <paramref name="rule"/> says calendar. Ad hoc periods take their dates as given.
    /// </summary>
    public static Period Parse(ReportKind kind, string code, WindowRule rule = WindowRule.Decree09CutOff)
    {
        Exception Bad() => new ReportingException(ErrorCodes.BadPeriod,
            $"Kỳ '{code}' không hợp lệ cho loại {KindName(kind)} (ví dụ: 2026-Q3, 2026-H1, 2026-9M, 2026, 2026-01-01..2026-03-31).");

        if (kind == ReportKind.Adhoc)
        {
            var m = AdhocPattern().Match(code);
            if (!m.Success
                || !DateOnly.TryParseExact(m.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                || !DateOnly.TryParseExact(m.Groups[2].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
            {
                throw Bad();
            }

            if (!Plausible(from) || !Plausible(to))
            {
                throw OutOfRange(code);
            }

            if (to < from)
            {
                throw new ReportingException(ErrorCodes.BadPeriod, $"Ngày bắt đầu {from:dd/MM/yyyy} sau ngày kết thúc {to:dd/MM/yyyy}.");
            }

            return new Period(kind, code, to.Year, from, to, WindowRule.Requested);
        }

        var match = PeriodPattern().Match(code);
        if (!match.Success)
        {
            throw Bad();
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < MinYear or > MaxYear)
        {
            throw OutOfRange(code);
        }

        var suffix = match.Groups["suffix"].Value;
        int lastMonth = (kind, suffix) switch
        {
            (ReportKind.Quarter, ['Q', var q and >= '1' and <= '4']) => (q - '0') * 3,
            (ReportKind.Half, "H1") => 6,
            (ReportKind.NineMonths, "9M") => 9,
            (ReportKind.Annual, "") => 12,
            _ => throw Bad(),
        };
        int firstMonth = kind == ReportKind.Quarter ? lastMonth - 2 : 1;

        var (start, end) = rule == WindowRule.Calendar
            ? (new DateOnly(year, firstMonth, 1), new DateOnly(year, lastMonth, 1).AddMonths(1).AddDays(-1))
            : (new DateOnly(year, firstMonth, 15).AddMonths(-1), new DateOnly(year, lastMonth, 14));
        return new Period(kind, code, year, start, end, rule);
    }

    /// <summary>
    /// Periods are between these years: year 0 or 1 has no date before it (a cut-off window starts in the previous
    /// year, a comparison one year earlier), and no report is about a time before 1900 or after 2100.
    /// </summary>
    public const int MinYear = 1900;

    public const int MaxYear = 2100;

    /// <summary>Whether a date may be part of a period (<see cref="MinYear"/>–<see cref="MaxYear"/>).</summary>
    public static bool Plausible(DateOnly date) => date.Year is >= MinYear and <= MaxYear;

    private static ReportingException OutOfRange(string code) => new(ErrorCodes.BadPeriod,
        $"Kỳ '{(code.Length <= 40 ? code : code[..40] + "…")}' ngoài khoảng năm {MinYear}–{MaxYear}.");

    private static string ShiftCode(string code) =>
        (int.Parse(code[..4], CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture) + code[4..];

    private static string Roman(int n) => n switch { 1 => "I", 2 => "II", 3 => "III", _ => "IV" };

    [GeneratedRegex(@"^(?<year>[0-9]{4})(-(?<suffix>Q[1-4]|H1|9M))?\z")]
    private static partial Regex PeriodPattern();

    [GeneratedRegex(@"^([0-9]{4}-[0-9]{2}-[0-9]{2})\.\.([0-9]{4}-[0-9]{2}-[0-9]{2})\z")]
    private static partial Regex AdhocPattern();
}
