using Dapper;
using Npgsql;
using Reporting.Templates.Model;
using Reporting.Worker.Calendar;
using Reporting.Worker.Database;

namespace Reporting.Worker.Tracking;

/// <summary>
/// Progress as the delivery ledger knows it: a version handed to delivery is issued; it is delivered once its
/// superior (Sở Nội vụ, or UBND tỉnh for the consolidated report) has it.
/// </summary>
public sealed class DeliveryLedgerStatusSource(NpgsqlDataSource dataSource) : IReportStatusSource
{
    public async Task<IReadOnlyList<UnitReportStatus>> GetAsync(ReportKind kind, string periodCode, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(SqlFiles.Get("queries/tracking/delivered_by_unit"),
            new { kind = Period.KindName(kind), period = periodCode }, cancellationToken: cancellationToken));
        return rows.Select(r => new UnitReportStatus(
                r.UnitCode,
                r.DeliveredAt is null ? SubmissionState.Issued : SubmissionState.Delivered,
                r.Version,
                r.DocumentNumber,
                r.IssueDate,
                r.DeliveredAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null))
            .ToList();
    }

    private sealed record Row(string UnitCode, int Version, string DocumentNumber, DateOnly IssueDate, DateTime IssuedAt, DateTime? DeliveredAt);
}
