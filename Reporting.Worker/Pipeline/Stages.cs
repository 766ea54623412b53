namespace Reporting.Worker.Pipeline;

/// <summary>The sign stage for the <see cref="SigningPolicy.System"/> policy: the system's technical integrity
/// signature (PAdES, no seal image). Deterministic input in, signed bytes out.</summary>
public interface IReportSigner
{
    Task<byte[]> SignAsync(byte[] pdf, ReportVersion version, CancellationToken cancellationToken);
}

/// <summary>
/// The archive stage: content-addressed, append-only. Idempotent on (version, role): storing the same role of the
/// same version again returns the existing entry and changes nothing.
/// </summary>
public interface IReportArchive
{
    Task<ArchivedFile> StoreAsync(ReportVersion version, ArchiveRole role, byte[] content, CancellationToken cancellationToken);

    /// <summary>The stored content of a role of a version, or null when not stored (the pipeline reads the
    /// workbook back when it resumes an official version after its signed PDF is imported).</summary>
    Task<byte[]?> ReadAsync(ReportVersion version, ArchiveRole role, CancellationToken cancellationToken) =>
        Task.FromResult<byte[]?>(null);
}

public enum ArchiveRole
{
    /// <summary>The unsigned official draft awaiting the external signatures.</summary>
    DraftPdf,

    /// <summary>The issued PDF: system-signed, or the imported officially signed file.</summary>
    IssuedPdf,

    /// <summary>The statistical workbook issued with the report.</summary>
    Workbook,
}

/// <summary>An archived file: entry id, content hash (hex SHA-256) and size.</summary>
public sealed record ArchivedFile(long EntryId, ArchiveRole Role, string Sha256, long Size, string FileName);

/// <summary>
/// The deliver stage: sends an issued version to its recipients (e-mail, file drop), exactly once per
/// (version, recipient, channel), recorded in a ledger; a repeated call sends only what is not yet sent.
/// </summary>
public interface IReportDelivery
{
    Task<DeliveryOutcome> DeliverAsync(ReportVersion version, IReadOnlyList<DeliveredFile> files, CancellationToken cancellationToken);
}

public sealed record DeliveredFile(string FileName, string ContentType, byte[] Content);

/// <summary>Counts after a delivery call: sent now, already sent before, failed for good, left for a retry.</summary>
public sealed record DeliveryOutcome(int Sent, int AlreadySent, int Failed, int Pending);
