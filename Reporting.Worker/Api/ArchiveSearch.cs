using Dapper;
using Reporting.Worker.Database;

namespace Reporting.Worker.Api;

/// <summary>
/// Read side of the archive as the API needs it: search by period, unit, kind; open an entry's bytes (for
/// produced files that live in the archive). The archive stage owns the archive table and replaces
/// <see cref="StandInArchiveSearch"/>.
/// </summary>
public interface IArchiveSearch
{
    Task<IReadOnlyList<ArchiveHit>> SearchAsync(ArchiveQuery query, CancellationToken cancellationToken);

    /// <summary>The bytes of an archive entry, or null when there is none with that id.</summary>
    Task<ArchiveContent?> OpenAsync(long entryId, CancellationToken cancellationToken);
}

/// <summary>Each null means "any". <paramref name="Limit"/> caps the answer.</summary>
public sealed record ArchiveQuery(string? Period, string? Unit, string? Kind, int Limit = 100, string? State = null);

/// <summary>
/// One search hit. The members after <paramref name="Formats"/> describe a real archive entry (role, state, number,
/// signature, hash, download link); the stand-in leaves them null.
/// </summary>
public sealed record ArchiveHit(
    long EntryId, string Unit, string Kind, string Period, string Fingerprint, long? ReportVersionId, DateTimeOffset CreatedAt, IReadOnlyList<string> Formats,
    string? Role = null, string? State = null, int? Version = null, string? DocumentNumber = null, DateOnly? IssueDate = null,
    string? SignatureKind = null, string? ChainStatus = null, string? Sha256 = null, long? Size = null, string? FileName = null, string? File = null);

public sealed record ArchiveContent(string FileName, string ContentType, byte[] Content);

/// <summary>
/// STAND-IN archive search over the reports this API made itself (adhoc_product). Holds no bytes of its own, so
/// <see cref="OpenAsync"/> finds nothing; the stand-in producer never hands out archive references.
/// </summary>
public sealed class StandInArchiveSearch(Warehouse warehouse) : IArchiveSearch
{
    public async Task<IReadOnlyList<ArchiveHit>> SearchAsync(ArchiveQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(SqlFiles.Get("queries/api/standin_archive_search"),
            new { period = query.Period, unit = query.Unit, kind = query.Kind, limit = query.Limit }, cancellationToken: cancellationToken));
        return rows.Select(r => new ArchiveHit(r.EntryId, r.UnitCode, r.Kind, r.PeriodCode, r.Fingerprint, r.ReportVersionId,
            new DateTimeOffset(DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc)), r.Formats)).ToList();
    }

    public Task<ArchiveContent?> OpenAsync(long entryId, CancellationToken cancellationToken) => Task.FromResult<ArchiveContent?>(null);

    private sealed class Row
    {
        public long EntryId { get; init; }

        public string UnitCode { get; init; } = "";

        public string Kind { get; init; } = "";

        public string PeriodCode { get; init; } = "";

        public string Fingerprint { get; init; } = "";

        public long? ReportVersionId { get; init; }

        public DateTime CreatedAt { get; init; }

        public string[] Formats { get; init; } = [];
    }
}
