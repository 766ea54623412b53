using Dapper;
using Npgsql;
using Reporting.Worker.Calendar;
using Reporting.Worker.Database;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Pipeline;
using Reporting.Worker.Sign;

namespace Reporting.Worker.Archive;

/// <summary>
/// The archive stage: content in the <see cref="ContentStore"/>, one metadata row per (report version, role) in
/// archive_entry. Append-only (the database refuses deletes and any update but a forward state move); a new
/// version supersedes the previous live entry of the same report and role, and both stay.
/// </summary>
public sealed class ArchiveStore : IReportArchive
{
    private readonly NpgsqlDataSource _database;
    private readonly PdfSignatureVerifier _verifier;

    static ArchiveStore() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    public ArchiveStore(NpgsqlDataSource database, ContentStore content, PdfSignatureVerifier verifier)
    {
        _database = database;
        Content = content;
        _verifier = verifier;
    }

    public ContentStore Content { get; }

    /// <summary>Test hook called between the durable file and the row insert ("after-content"): a throw there is
    /// a crash at the worst moment.</summary>
    internal Action<string>? FaultPoint { get; set; }

    public async Task<ArchivedFile> StoreAsync(ReportVersion version, ArchiveRole role, byte[] content, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(version.Id, role, cancellationToken);
        if (existing is not null)
        {
            return existing.ToArchivedFile();
        }

        string? signatureKind = null, signer = null, chain = null;
        DateTimeOffset? signedAt = null;
        if (role == ArchiveRole.IssuedPdf)
        {
            var check = _verifier.Verify(content);
            if (!check.AllIntact || !check.LastCoversWholeFile)
            {
                throw new ReportingException(ErrorCodes.ArchiveIssuedUnsigned,
                    $"Bản phát hành {version.DocumentNumberText} phải mang chữ ký còn nguyên vẹn bao trùm toàn bộ tệp.");
            }

            signatureKind = version.Policy == SigningPolicy.System ? "system" : "official";
            signer = check.Signers;
            chain = check.AllTrusted ? "trusted" : "untrusted";
            signedAt = check.Signatures[^1].SigningTime;
        }

        var state = role switch
        {
            ArchiveRole.DraftPdf => ArchiveStates.AwaitingSignature,
            ArchiveRole.IssuedPdf => ArchiveStates.Issued,
            _ => version.Policy == SigningPolicy.System ? ArchiveStates.Issued : ArchiveStates.Draft,
        };
        var extension = role == ArchiveRole.Workbook ? ".xlsx" : ".pdf";
        var row = new NewEntry(version.Id, ArchiveStates.RoleName(role), Period.KindName(version.Key.Kind), version.Key.PeriodCode,
            version.Key.UnitCode, version.Version, version.DocumentNumberText, version.IssuerCode, version.IssueDate.ToDateTime(TimeOnly.MinValue),
            state, signatureKind, signer, chain, signedAt?.UtcDateTime, version.FileStem + (role == ArchiveRole.DraftPdf ? "_draft" : "") + extension,
            version.TemplateVersion, version.Fingerprint, "generated", null);
        return (await AppendAsync(row, content, null, cancellationToken)).ToArchivedFile();
    }

    /// <summary>What a new row says; <see cref="AppendAsync"/> adds hash, size and supersedes.</summary>
    internal sealed record NewEntry(long ReportVersionId, string Role, string Kind, string PeriodCode, string UnitCode, int Version,
        string DocumentNumber, string IssuerCode, DateTime IssueDate, string State, string? SignatureKind, string? SignerSubject,
        string? ChainStatus, DateTime? SignedAt, string FileName, string TemplateVersion, string DataFingerprint, string Source, long? DerivedFrom);

    /// <summary>
    /// Writes the content durably, then in one transaction inserts the row, supersedes the previous live entry of the
    /// same report and role, and runs <paramref name="alsoInTransaction"/>. Idempotent on (version, role): a
    /// concurrent or repeated append returns the row already there.
    /// </summary>
    internal async Task<ArchiveEntry> AppendAsync(NewEntry row, byte[] content, Func<NpgsqlConnection, NpgsqlTransaction, Task>? alsoInTransaction, CancellationToken cancellationToken)
    {
        // 1. The content is durable (fsynced file and directory) before any row can point at it.
        var sha = await Content.PutAsync(content, cancellationToken);
        FaultPoint?.Invoke("after-content");

        // 2. The row, the supersession and the caller's own state move commit together or not at all.
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            var previous = await connection.QuerySingleOrDefaultAsync<ArchiveEntry>(SqlFiles.Get("queries/archive/previous"),
                new { kind = row.Kind, period_code = row.PeriodCode, unit_code = row.UnitCode, role = row.Role, version = row.Version }, transaction);
            var inserted = await connection.QuerySingleAsync<ArchiveEntry>(SqlFiles.Get("queries/archive/insert"), new
            {
                report_version_id = row.ReportVersionId, role = row.Role, kind = row.Kind, period_code = row.PeriodCode, unit_code = row.UnitCode,
                version = row.Version, document_number = row.DocumentNumber, issuer_code = row.IssuerCode, issue_date = row.IssueDate,
                state = row.State, signature_kind = row.SignatureKind, signer_subject = row.SignerSubject, chain_status = row.ChainStatus,
                signed_at = row.SignedAt, sha256 = sha, size = (long)content.Length, file_name = row.FileName,
                template_version = row.TemplateVersion, data_fingerprint = row.DataFingerprint, supersedes = previous?.Id,
                derived_from = row.DerivedFrom, source = row.Source,
            }, transaction);
            if (previous is not null)
            {
                await MoveStateAsync(connection, transaction, previous.Id, previous.State, ArchiveStates.Superseded);
            }

            if (alsoInTransaction is not null)
            {
                await alsoInTransaction(connection, transaction);
            }

            await transaction.CommitAsync(cancellationToken);
            return inserted;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await FindAsync(row.ReportVersionId, ArchiveStates.RoleOf(row.Role), cancellationToken)
                ?? throw new InvalidOperationException("unique violation without a row", ex);
        }
    }

    internal static async Task MoveStateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long id, string from, string to)
    {
        var moved = await connection.ExecuteAsync(SqlFiles.Get("queries/archive/move_state"), new { id, from_state = from, to_state = to }, transaction);
        if (moved != 1)
        {
            throw new ReportingException(ErrorCodes.ImportNotAwaiting, $"Mục lưu trữ {id} không còn ở trạng thái '{from}' (đã có thao tác khác).");
        }
    }

    public async Task<ArchiveEntry?> FindAsync(long reportVersionId, ArchiveRole role, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ArchiveEntry>(SqlFiles.Get("queries/archive/find_by_version_role"),
            new { report_version_id = reportVersionId, role = ArchiveStates.RoleName(role) });
    }

    public async Task<ArchiveEntry> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ArchiveEntry>(SqlFiles.Get("queries/archive/get"), new { id })
            ?? throw new ReportingException(ErrorCodes.ArchiveEntryNotFound, $"Không có mục lưu trữ số {id}.");
    }

    public async Task<IReadOnlyList<ArchiveEntry>> ListAsync(string? periodCode, string? unitCode, string? kind, string? state, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<ArchiveEntry>(SqlFiles.Get("queries/archive/list"),
            new { period_code = periodCode, unit_code = unitCode, kind, state })).ToList();
    }

    public async Task<IReadOnlyList<ArchiveEntry>> DraftsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<ArchiveEntry>(SqlFiles.Get("queries/archive/drafts"))).ToList();
    }

    /// <summary>The stored content of a role of a version (hash-checked), or null when not stored.</summary>
    public async Task<byte[]?> ReadAsync(ReportVersion version, ArchiveRole role, CancellationToken cancellationToken) =>
        await FindAsync(version.Id, role, cancellationToken) is { } entry ? await ReadAsync(entry, cancellationToken) : null;

    /// <summary>The content of an entry, checked against its recorded hash.</summary>
    public async Task<byte[]> ReadAsync(ArchiveEntry entry, CancellationToken cancellationToken)
    {
        var bytes = await Content.ReadAsync(entry.Sha256, cancellationToken);
        if (ContentStore.Hash(bytes) != entry.Sha256)
        {
            throw new ReportingException(ErrorCodes.ArchiveContentTampered,
                $"Tệp {Content.PathOf(entry.Sha256)} của mục {entry.Id} ({entry.FileName}) không còn khớp mã băm đã lưu.");
        }

        return bytes;
    }
}
