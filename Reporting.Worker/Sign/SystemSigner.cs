namespace Reporting.Worker.Sign;

/// <summary>Builds the system's <see cref="PdfSigner"/> from the "Signing" options (key, password, optional TSA).
/// The worker keeps one for the process; the caller disposes the key with it.</summary>
public static class SystemSigner
{
    public static (PdfSigner Signer, SigningCertificate Key) Create(SigningOptions options, HttpClient? http = null)
    {
        var key = options.LoadSystemCertificate();
        var timestamps = options.TimestampUrl is { } url ? new TimestampClient(http ?? new HttpClient(), new Uri(url)) : null;
        return (new PdfSigner(key, timestamps, options.Location), key);
    }
}
