using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Archive;

/// <summary>One row of archive_entry (column names map with underscores).</summary>
public sealed class ArchiveEntry
{
    public long Id { get; init; }
    public long ReportVersionId { get; init; }
    public string Role { get; init; } = "";
    public string Kind { get; init; } = "";
    public string PeriodCode { get; init; } = "";
    public string UnitCode { get; init; } = "";
    public int Version { get; init; }
    public string DocumentNumber { get; init; } = "";
    public string IssuerCode { get; init; } = "";
    public DateTime IssueDate { get; init; }
    public string State { get; init; } = "";
    public string? SignatureKind { get; init; }
    public string? SignerSubject { get; init; }
    public string? ChainStatus { get; init; }
    public DateTime? SignedAt { get; init; }
    public string Sha256 { get; init; } = "";
    public long Size { get; init; }
    public string FileName { get; init; } = "";
    public string TemplateVersion { get; init; } = "";
    public string DataFingerprint { get; init; } = "";
    public long? Supersedes { get; init; }
    public long? DerivedFrom { get; init; }
    public string Source { get; init; } = "";
    public DateTime ArchivedAt { get; init; }

    public ArchiveRole ArchiveRole => ArchiveStates.RoleOf(Role);

    public ArchivedFile ToArchivedFile() => new(Id, ArchiveRole, Sha256, Size, FileName);
}

/// <summary>The words stored in archive_entry for roles, states, signature kinds and sources.</summary>
public static class ArchiveStates
{
    public const string Draft = "draft";
    public const string AwaitingSignature = "awaiting_signature";
    public const string DraftSigned = "signed";
    public const string Issued = "issued";
    public const string Superseded = "superseded";

    public static string RoleName(ArchiveRole role) => role switch
    {
        ArchiveRole.DraftPdf => "draft_pdf",
        ArchiveRole.IssuedPdf => "issued_pdf",
        ArchiveRole.Workbook => "workbook",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static ArchiveRole RoleOf(string name) => name switch
    {
        "draft_pdf" => ArchiveRole.DraftPdf,
        "issued_pdf" => ArchiveRole.IssuedPdf,
        "workbook" => ArchiveRole.Workbook,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
