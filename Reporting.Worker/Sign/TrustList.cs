using System.Security.Cryptography.X509Certificates;

namespace Reporting.Worker.Sign;

/// <summary>
/// The configured trust list: every CA certificate file (*.crt, *.cer, *.pem; PEM bundles or DER) in one
/// directory (Signing:TrustedCaDirectory). Government CA chains (Ban Cơ yếu's root and intermediates) are dropped
/// there by the operator; nothing from the operating system's store is trusted.
/// </summary>
public static class TrustList
{
    public static X509Certificate2Collection Load(string directory)
    {
        var all = new X509Certificate2Collection();
        if (!Directory.Exists(directory))
        {
            return all;
        }

        foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            var ext = Path.GetExtension(file).ToLowerInvariant();
            if (ext is not (".crt" or ".cer" or ".pem"))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                all.ImportFromPem(text);
            }
            else
            {
                all.Add(X509CertificateLoader.LoadCertificateFromFile(file));
            }
        }

        return all;
    }
}
