namespace Reporting.Worker.Sign;

/// <summary>Whether a signer certificate chains to the configured trust list; kept apart from integrity.</summary>
public enum ChainStatus
{
    Trusted,
    Untrusted,
}

/// <summary>
/// One signature found in a PDF. <see cref="Intact"/> is the cryptographic result (the CMS signature and message
/// digest over the byte range); <see cref="Chain"/> is the separate trust result; <see cref="CoversWholeFile"/>
/// says no byte was appended after it. <see cref="RevisionStart"/> is where the incremental update that added
/// this signature begins: the bytes before it are the revision the signer was shown.
/// </summary>
public sealed record SignatureCheck(
    int Index,
    long[] ByteRange,
    string SubFilter,
    bool Intact,
    string? Problem,
    string? SignerSubject,
    string? SignerName,
    DateTimeOffset? SigningTime,
    string SigningTimeSource,
    bool HasTimestamp,
    ChainStatus Chain,
    string? ChainProblem,
    bool CoversWholeFile,
    long RevisionStart);

/// <summary>Every signature of a file, in file order, and the conclusions an import or an audit needs.</summary>
public sealed record PdfVerification(IReadOnlyList<SignatureCheck> Signatures, long FileLength)
{
    public bool IsSigned => Signatures.Count > 0;

    public bool AllIntact => IsSigned && Signatures.All(s => s.Intact);

    public bool LastCoversWholeFile => IsSigned && Signatures[^1].CoversWholeFile;

    public bool AllTrusted => IsSigned && Signatures.All(s => s.Chain == ChainStatus.Trusted);

    /// <summary>"A | B": signer names in signing order (the person, then the organisation).</summary>
    public string Signers => string.Join(" | ", Signatures.Select(s => s.SignerSubject ?? "?"));

    /// <summary>The revision before the first signature (null if unsigned).</summary>
    public long? UnsignedRevisionLength => IsSigned ? Signatures[0].RevisionStart : null;
}
