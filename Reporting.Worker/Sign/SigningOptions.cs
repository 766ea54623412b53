using Microsoft.Extensions.Configuration;

namespace Reporting.Worker.Sign;

/// <summary>
/// Section "Signing". Paths default under the data directory (.data/certs, as made by <c>certs dev-create</c>).
/// Passwords: <c>SystemCertificatePassword</c> (set it by environment, REPORTING_Signing__SystemCertificatePassword)
/// or the file named by <c>SystemCertificatePasswordFile</c> (default: the key path + ".password").
/// </summary>
public sealed record SigningOptions
{
    public const string Section = "Signing";

    public required string SystemCertificate { get; init; }

    public string? SystemCertificatePassword { get; init; }

    public string? SystemCertificatePasswordFile { get; init; }

    /// <summary>Directory of trusted CA certificates (PEM or DER, *.crt|*.cer|*.pem): the trust list.</summary>
    public required string TrustedCaDirectory { get; init; }

    /// <summary>RFC 3161 time-stamp authority; null or empty means no time-stamp.</summary>
    public string? TimestampUrl { get; init; }

    public string Location { get; init; } = "Việt Nam";

    /// <summary>Imports whose signer does not chain to the trust list are refused unless this is true; then they
    /// are archived with chain status "untrusted" and the import says so.</summary>
    public bool AcceptUntrustedImports { get; init; }

    public static SigningOptions From(IConfiguration configuration, string dataDirectory)
    {
        var s = configuration.GetSection(Section);
        var certs = Path.Combine(dataDirectory, "certs");
        return new SigningOptions
        {
            SystemCertificate = Path.GetFullPath(s["SystemCertificate"] is { Length: > 0 } p ? p : Path.Combine(certs, "system.p12")),
            SystemCertificatePassword = s["SystemCertificatePassword"] is { Length: > 0 } pw ? pw : null,
            SystemCertificatePasswordFile = s["SystemCertificatePasswordFile"] is { Length: > 0 } pf ? pf : null,
            TrustedCaDirectory = Path.GetFullPath(s["TrustedCaDirectory"] is { Length: > 0 } t ? t : Path.Combine(certs, "trust")),
            TimestampUrl = s["TimestampUrl"] is { Length: > 0 } u ? u : null,
            Location = s["Location"] is { Length: > 0 } l ? l : "Việt Nam",
            AcceptUntrustedImports = bool.TryParse(s["AcceptUntrustedImports"], out var a) && a,
        };
    }

    public SigningCertificate LoadSystemCertificate() =>
        SigningCertificate.Load(SystemCertificate, SystemCertificatePassword, SystemCertificatePasswordFile);
}
