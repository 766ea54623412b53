using Dapper;
using Npgsql;
using Reporting.Worker.Api;
using Reporting.Worker.Database;

namespace Reporting.Worker.Archive;

/// <summary>
/// The archivists' search over the real archive (<c>archive_entry</c>), behind the API's <see cref="IArchiveSearch"/>:
/// filters by period, unit, kind and state; <see cref="OpenAsync"/> reads an entry's content, checked against its
/// recorded hash. Registered by <c>serve</c> before <c>AddReportingApi</c>, replacing the stand-in.
/// </summary>
public sealed class ArchiveEntrySearch(NpgsqlDataSource dataSource, ArchiveStore store) : IArchiveSearch
{
    public async Task<IReadOnlyList<ArchiveHit>> SearchAsync(ArchiveQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ArchiveEntry>(new CommandDefinition(SqlFiles.Get("queries/archive/search"),
            new { period_code = query.Period, unit_code = query.Unit, kind = query.Kind, state = query.State, limit = query.Limit },
            cancellationToken: cancellationToken));
        return rows.Select(Hit).ToList();
    }

    public async Task<ArchiveContent?> OpenAsync(long entryId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var entry = await connection.QuerySingleOrDefaultAsync<ArchiveEntry>(new CommandDefinition(SqlFiles.Get("queries/archive/get"),
            new { id = entryId }, cancellationToken: cancellationToken));
        return entry is null ? null : new ArchiveContent(entry.FileName, ContentTypeOf(entry), await store.ReadAsync(entry, cancellationToken));
    }

    public static string ContentTypeOf(ArchiveEntry entry) => entry.ArchiveRole == Pipeline.ArchiveRole.Workbook
        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        : "application/pdf";

    private static ArchiveHit Hit(ArchiveEntry e) => new(
        e.Id, e.UnitCode, e.Kind, e.PeriodCode, e.DataFingerprint, e.ReportVersionId,
        new DateTimeOffset(DateTime.SpecifyKind(e.ArchivedAt, DateTimeKind.Utc)),
        [e.ArchiveRole == Pipeline.ArchiveRole.Workbook ? "xlsx" : "pdf"],
        e.Role, e.State, e.Version, e.DocumentNumber, DateOnly.FromDateTime(e.IssueDate),
        e.SignatureKind, e.ChainStatus, e.Sha256, e.Size, e.FileName, $"/api/archive/{e.Id}/file");
}
