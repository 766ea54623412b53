using System.Globalization;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Configuration;
using Reporting.Templates.Model;
using Reporting.Worker.Calendar;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Jobs;

/// <summary>
/// The reporting calendar as recurring jobs. One definition per period kind under <c>Schedule:&lt;kind&gt;</c>:
/// <c>Cron</c> (when the job fires, in Asia/Ho_Chi_Minh), <c>DueDay</c> (units' due day in the period's last
/// month: 5 for "before 5 December") and <c>DaysBeforeDue</c> (how many days before the due date generation may
/// start). A firing inside [due − days, due] starts (or continues) that period's cycle; any other firing does
/// nothing. <c>Schedule:&lt;kind&gt;:Enabled=false</c> removes a kind.
/// </summary>
public sealed class ReportingSchedule(IReadOnlyList<ScheduleEntry> entries)
{
    public const string IdPrefix = "cycle:";

    public IReadOnlyList<ScheduleEntry> Entries => entries;

    public static ReportingSchedule From(IConfiguration configuration)
    {
        var defaults = new Dictionary<string, (string Cron, int DueDay, int Days)>
        {
            ["annual"] = ("0 6 * 11,12 *", 5, 5),
            ["nine-months"] = ("0 6 * 9 *", 20, 5),
            ["half"] = ("0 6 * 6 *", 20, 5),
            ["quarter"] = ("0 6 * 3,6,9,12 *", 20, 5),
        };
        var list = new List<ScheduleEntry>();
        foreach (var (kind, d) in defaults)
        {
            var section = configuration.GetSection($"Schedule:{kind}");
            if (string.Equals(section["Enabled"], "false", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var entry = new ScheduleEntry(kind, section["Cron"] ?? d.Cron, Int(section, "DueDay", d.DueDay), Int(section, "DaysBeforeDue", d.Days));
            if (entry.DueDay is < 1 or > 28 || entry.DaysBeforeDue is < 0 or > 60)
            {
                throw new ReportingException(ErrorCodes.BadSchedule, $"Lịch {kind}: DueDay phải từ 1 đến 28, DaysBeforeDue từ 0 đến 60.");
            }

            list.Add(entry);
        }

        return new ReportingSchedule(list);
    }

    /// <summary>The period of this kind whose generation window [due − days, due] contains <paramref name="today"/>.</summary>
    public string? PeriodDue(string kind, DateOnly today)
    {
        var entry = entries.FirstOrDefault(e => e.Kind == kind);
        if (entry is null)
        {
            return null;
        }

        var reportKind = Period.ParseKind(kind);
        foreach (var year in new[] { today.Year, today.Year + 1 })
        {
            foreach (var (code, month) in Candidates(reportKind, year))
            {
                var due = new DateOnly(year, month, entry.DueDay);
                if (today >= due.AddDays(-entry.DaysBeforeDue) && today <= due)
                {
                    return code;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Makes the stored recurring jobs match this schedule: adds or updates "cycle:&lt;kind&gt;", removes every
    /// "cycle:" id no longer defined. A bad cron fails start-up with its kind named.
    /// </summary>
    public void Reconcile(IRecurringJobManager manager, JobStorage storage)
    {
        foreach (var entry in entries)
        {
            try
            {
                manager.AddOrUpdate<CycleJob>(IdPrefix + entry.Kind, j => j.ScheduledAsync(entry.Kind, null, CancellationToken.None),
                    entry.Cron, new RecurringJobOptions { TimeZone = CivilTime.Zone });
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
            {
                throw new ReportingException(ErrorCodes.BadSchedule, $"Biểu thức cron '{entry.Cron}' của lịch {entry.Kind} không hợp lệ: {ex.Message}", ex);
            }
        }

        using var connection = storage.GetConnection();
        foreach (var stale in connection.GetRecurringJobs()
                     .Where(j => j.Id.StartsWith(IdPrefix, StringComparison.Ordinal) && entries.All(e => IdPrefix + e.Kind != j.Id)))
        {
            manager.RemoveIfExists(stale.Id);
        }
    }

    private static int Int(IConfiguration section, string key, int fallback) =>
        int.TryParse(section[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    private static IEnumerable<(string Code, int LastMonth)> Candidates(ReportKind kind, int year) => kind switch
    {
        ReportKind.Annual => [($"{year}", 12)],
        ReportKind.NineMonths => [($"{year}-9M", 9)],
        ReportKind.Half => [($"{year}-H1", 6)],
        ReportKind.Quarter => Enumerable.Range(1, 4).Select(q => ($"{year}-Q{q}", q * 3)),
        _ => [],
    };
}

public sealed record ScheduleEntry(string Kind, string Cron, int DueDay, int DaysBeforeDue);
