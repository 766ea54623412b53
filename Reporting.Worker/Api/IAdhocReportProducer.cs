using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Api;

/// <summary>
/// How the API gets a report made. The processor first asks for the data fingerprint (cheap); if a report for the
/// same request and fingerprint exists it is reused, otherwise <see cref="ProduceAsync"/> renders. The lead
/// replaces <see cref="StandInReportProducer"/> with the real pipeline (extract → model → render → archive).
/// </summary>
public interface IAdhocReportProducer
{
    /// <summary>Short name recorded with each made report ("stand-in", "pipeline").</summary>
    string Name { get; }

    /// <summary>The data fingerprint the report would show: same data, same fingerprint.</summary>
    Task<string> FingerprintAsync(AdhocReportRequest request, CancellationToken cancellationToken);

    Task<ProducedReport> ProduceAsync(AdhocReportRequest request, IAdhocProgress progress, CancellationToken cancellationToken);
}

/// <param name="UnitId">agency.id of the unit on the window (resolved by the API).</param>
/// <param name="Formats">"pdf" and/or "xlsx".</param>
public sealed record AdhocReportRequest(
    Guid RequestId,
    ReportKey Key,
    long UnitId,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<string>? FieldCodes,
    IReadOnlyList<string> Formats)
{
    /// <summary>The same request as the pipeline's extract stage takes it.</summary>
    public ReportRequest ToPipelineRequest() => new(Key, null, FieldCodes);
}

/// <summary>Progress of one production, 0–100, with a short Vietnamese stage label ("đọc số liệu").</summary>
public interface IAdhocProgress
{
    Task ReportAsync(int percent, string stage, CancellationToken cancellationToken);
}

/// <param name="ReportVersionId">The pipeline's report version, when it made one.</param>
/// <param name="Fingerprint">The data fingerprint of what was produced.</param>
public sealed record ProducedReport(long? ReportVersionId, string Fingerprint, IReadOnlyList<ProducedFile> Files);

/// <summary>One file: its bytes, or a reference to the archive entry that holds them.</summary>
public sealed record ProducedFile(string Format, string FileName, string ContentType, byte[]? Content, long? ArchiveEntryId, string Sha256, long Size);
