using Dapper;
using Npgsql;
using Reporting.Templates.Model;
using Reporting.Worker.Calendar;
using Reporting.Worker.Database;

namespace Reporting.Worker.Tracking;

/// <summary>
/// Progress as the worker's report runs know it (<c>report_version</c>, <c>report_run</c>): a version being issued
/// (or a started run without one yet) is a draft, an official draft archived for signature is awaiting signature,
/// an issued version is issued, with its number and issue date, even before delivery has it.
/// </summary>
public sealed class RunStatusSource(NpgsqlDataSource dataSource) : IReportStatusSource
{
    public async Task<IReadOnlyList<UnitReportStatus>> GetAsync(ReportKind kind, string periodCode, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(SqlFiles.Get("queries/tracking/versions_by_unit"),
            new { kind = Period.KindName(kind), period = periodCode }, cancellationToken: cancellationToken));
        return rows.Select(r => new UnitReportStatus(r.UnitCode, StateOf(r.State), r.Version, r.DocumentNumber, r.IssueDate)).ToList();
    }

    /// <summary>report_version.state → tracking: issuing → Draft, awaiting_signature → AwaitingSignature, issued → Issued.</summary>
    public static SubmissionState StateOf(string versionState) => versionState switch
    {
        "issued" => SubmissionState.Issued,
        "awaiting_signature" => SubmissionState.AwaitingSignature,
        _ => SubmissionState.Draft,
    };

    private sealed record Row(string UnitCode, string State, int? Version, string? DocumentNumber, DateOnly? IssueDate);
}

/// <summary>
/// Progress as the archive knows it (<c>archive_entry</c>): an official draft stored and not yet signed is awaiting
/// signature; an issued PDF (system-sealed, or the signed file imported) is issued.
/// </summary>
public sealed class ArchiveStatusSource(NpgsqlDataSource dataSource) : IReportStatusSource
{
    public async Task<IReadOnlyList<UnitReportStatus>> GetAsync(ReportKind kind, string periodCode, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(SqlFiles.Get("queries/tracking/archive_by_unit"),
            new { kind = Period.KindName(kind), period = periodCode }, cancellationToken: cancellationToken));
        return rows.Select(r => new UnitReportStatus(
                r.UnitCode,
                r.Role == "issued_pdf" ? SubmissionState.Issued : SubmissionState.AwaitingSignature,
                r.Version,
                r.DocumentNumber,
                r.IssueDate))
            .ToList();
    }

    private sealed record Row(string UnitCode, string Role, int Version, string DocumentNumber, DateOnly IssueDate);
}
