using System.Globalization;
using Microsoft.Extensions.Configuration;
using Reporting.Templates.Model;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Calendar;

/// <summary>
/// The reporting calendar of a province (appsettings section "Calendar"): which window rule each kind of report
/// uses, the deadlines of each step, and an optional fixed data_as_of. Defaults follow domain.md §3 and the seeds:
/// Nghị định 09/2019 cut-offs; quarterly, six-month and nine-month unit reports by the 17th of the period's last
/// month, consolidated by the 20th (TT 06/2025 pattern, UNCONFIRMED for CCHC); annual unit reports before
/// 5 December, consolidated before 15 December.
/// </summary>
/// <example>
/// "Calendar": { "WindowRules": { "half": "Calendar" }, "Deadlines": { "annual": { "Unit": "12-05", "Consolidated": "12-15" } },
///               "DataAsOf": "2026-11-30" }
/// </example>
public sealed record CalendarOptions(
    IReadOnlyDictionary<ReportKind, WindowRule> WindowRules,
    IReadOnlyDictionary<ReportKind, StepDeadlines> Deadlines,
    DateOnly? DataAsOf)
{
    public const string Section = "Calendar";

    public static CalendarOptions Default { get; } = new(
        new Dictionary<ReportKind, WindowRule>
        {
            [ReportKind.Quarter] = WindowRule.Decree09CutOff,
            [ReportKind.Half] = WindowRule.Decree09CutOff,
            [ReportKind.NineMonths] = WindowRule.Decree09CutOff,
            [ReportKind.Annual] = WindowRule.Decree09CutOff,
        },
        new Dictionary<ReportKind, StepDeadlines>
        {
            [ReportKind.Quarter] = new(new MonthDay(0, 17), new MonthDay(0, 20)),
            [ReportKind.Half] = new(new MonthDay(0, 17), new MonthDay(0, 20)),
            [ReportKind.NineMonths] = new(new MonthDay(0, 17), new MonthDay(0, 20)),
            [ReportKind.Annual] = new(new MonthDay(12, 5), new MonthDay(12, 15)),
        },
        null);

    public WindowRule RuleFor(ReportKind kind) =>
        kind == ReportKind.Adhoc ? WindowRule.Requested : WindowRules.GetValueOrDefault(kind, WindowRule.Decree09CutOff);

    /// <summary>The deadlines of a period's steps, or null for an ad hoc report (its request states them).</summary>
    public ReportSchedule? ScheduleFor(Period period)
    {
        if (period.Kind == ReportKind.Adhoc || !Deadlines.TryGetValue(period.Kind, out var steps))
        {
            return null;
        }

        return new ReportSchedule(steps.Unit.In(period), steps.Consolidated.In(period));
    }

    /// <summary>Reads the "Calendar" section over the defaults; a bad value fails with its key and value.</summary>
    public static CalendarOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var rules = new Dictionary<ReportKind, WindowRule>(Default.WindowRules);
        foreach (var child in section.GetSection("WindowRules").GetChildren())
        {
            var kind = Period.ParseKind(child.Key);
            rules[kind] = Enum.TryParse<WindowRule>(child.Value, ignoreCase: true, out var rule) && rule != WindowRule.Requested
                ? rule
                : throw Bad($"Calendar:WindowRules:{child.Key}", child.Value, "Decree09CutOff hoặc Calendar");
        }

        var deadlines = new Dictionary<ReportKind, StepDeadlines>(Default.Deadlines);
        foreach (var child in section.GetSection("Deadlines").GetChildren())
        {
            var kind = Period.ParseKind(child.Key);
            var current = deadlines.GetValueOrDefault(kind, new StepDeadlines(new MonthDay(0, 17), new MonthDay(0, 20)));
            deadlines[kind] = new StepDeadlines(
                MonthDay.Parse(child["Unit"], $"Calendar:Deadlines:{child.Key}:Unit") ?? current.Unit,
                MonthDay.Parse(child["Consolidated"], $"Calendar:Deadlines:{child.Key}:Consolidated") ?? current.Consolidated);
        }

        DateOnly? asOf = null;
        var asOfText = section["DataAsOf"];
        if (!string.IsNullOrWhiteSpace(asOfText))
        {
            asOf = DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d
                : throw Bad("Calendar:DataAsOf", asOfText, "yyyy-MM-dd");
        }

        return new CalendarOptions(rules, deadlines, asOf);
    }

    internal static ReportingException Bad(string key, string? value, string expected) =>
        new(ErrorCodes.BadConfiguration, $"Cấu hình {key} = '{value}' không hợp lệ; cần {expected}.");
}

/// <summary>Deadline of each step: unit → Sở Nội vụ, Sở Nội vụ (consolidated) → UBND tỉnh.</summary>
public sealed record StepDeadlines(MonthDay Unit, MonthDay Consolidated);

/// <summary>
/// A deadline day: <see cref="Month"/> 1–12 is that month of the period's year; 0 means the last month of the
/// period's window (the 17th of the quarter's last month).
/// </summary>
public readonly record struct MonthDay(int Month, int Day)
{
    public DateOnly In(Period period)
    {
        var month = Month == 0 ? period.To.Month : Month;
        var year = Month == 0 ? period.To.Year : period.Year;
        return new DateOnly(year, month, Math.Min(Day, DateTime.DaysInMonth(year, month)));
    }

    /// <summary>"12-05" (month-day) or "17" (day of the period's last month); null when absent.</summary>
    public static MonthDay? Parse(string? text, string key)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Split('-');
        if (parts.Length == 1 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= 31)
        {
            return new MonthDay(0, day);
        }

        if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12
            && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= 31)
        {
            return new MonthDay(m, d);
        }

        throw CalendarOptions.Bad(key, text, "MM-dd (12-05) hoặc một ngày của tháng cuối kỳ (17)");
    }
}

/// <summary>When each step is due: the unit's report to Sở Nội vụ, and the consolidated report to UBND tỉnh.</summary>
public sealed record ReportSchedule(DateOnly UnitToDepartment, DateOnly DepartmentToProvince);
