using Dapper;
using Npgsql;
using Reporting.Templates.Model;
using Reporting.Worker.Calendar;
using Reporting.Worker.Database;
using Reporting.Worker.Inputs;
using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Tracking;

/// <summary>One expected unit's line in the tracking table; <see cref="MissingInputs"/>: required inputs (narrative,
/// indicators) the unit still owes, "code label" each (inputs stage).</summary>
public sealed record TrackingRow(
    string UnitCode,
    string UnitName,
    string UnitKind,
    string? Email,
    UnitReportStatus Status,
    DateOnly DueDate,
    bool Late,
    IReadOnlyList<string> MissingInputs)
{
    public bool HasReported => Status.State >= SubmissionState.Issued;
}

/// <summary>Who was expected to report for a period, how far each has come, and who is late on <see cref="AsOf"/>.</summary>
public sealed record TrackingReport(Period Period, DateOnly AsOf, DateOnly UnitDueDate, IReadOnlyList<TrackingRow> Units, TrackingRow Consolidated);

/// <summary>
/// Tracking: the expected units of a period (units existing on the window's last day that report: departments and
/// communes, districts only before 2025-07-01), each unit's furthest state from the status sources, and lateness
/// against the due date: late when not delivered by the end of the due date (delivered after it, or still not
/// delivered once it has passed).
/// </summary>
public sealed class SubmissionTracker(NpgsqlDataSource dataSource, IReportStatusSource statuses, IDueDateSource dueDates)
{
    public async Task<TrackingReport> BuildAsync(ReportKind kind, string periodCode, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var period = Period.Parse(kind, periodCode);
        var today = CivilTime.DateOf(now);
        var unitDue = dueDates.DueDate(kind, periodCode, consolidated: false);
        var consolidatedDue = dueDates.DueDate(kind, periodCode, consolidated: true);
        var known = (await statuses.GetAsync(kind, periodCode, cancellationToken)).ToDictionary(s => s.UnitCode, StringComparer.Ordinal);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var expected = (await connection.QueryAsync<ExpectedUnit>(new CommandDefinition(SqlFiles.Get("queries/tracking/expected_units"),
            new { window_end = period.To }, cancellationToken: cancellationToken))).ToList();
        var readiness = (await new InputReadinessService(dataSource).ForPeriodAsync(kind, periodCode, expected.Select(u => u.Code).ToList(), cancellationToken))
            .ToDictionary(r => r.Key.UnitCode, r => (IReadOnlyList<string>)r.Missing.Select(f => $"{f.Code} {f.Label}").ToList(), StringComparer.Ordinal);

        TrackingRow Row(string code, string name, string unitKind, string? email, DateOnly due)
        {
            var status = known.GetValueOrDefault(code) ?? new UnitReportStatus(code, SubmissionState.NotStarted);
            var late = status.DeliveredAt is { } at ? CivilTime.DateOf(at) > due : today > due;
            return new TrackingRow(code, name, unitKind, email, status, due, late, readiness.GetValueOrDefault(code) ?? []);
        }

        var units = expected.Select(u => Row(u.Code, u.Name, u.Kind, u.Email, unitDue)).ToList();
        var consolidated = Row(ReportKey.Province, "Báo cáo tổng hợp của tỉnh", "province", null, consolidatedDue);
        return new TrackingReport(period, today, unitDue, units, consolidated);
    }

    private sealed record ExpectedUnit(string Code, string Name, string Kind, string? Email);
}
