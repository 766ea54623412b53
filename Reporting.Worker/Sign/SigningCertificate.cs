using System.Security.Cryptography.X509Certificates;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Sign;

/// <summary>
/// A signing key loaded from a PKCS#12 file: the certificate that has the private key, plus the other
/// certificates in the file (its issuing CA), which go into the CMS so a verifier can build the chain.
/// The password comes from the environment or from a file beside the key, never from the repository.
/// </summary>
public sealed class SigningCertificate : IDisposable
{
    private SigningCertificate(X509Certificate2 certificate, X509Certificate2Collection chain)
    {
        Certificate = certificate;
        Chain = chain;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>Issuer certificates shipped in the same file (may be empty).</summary>
    public X509Certificate2Collection Chain { get; }

    /// <param name="password">The password; null reads <paramref name="passwordFile"/> (default: the key path + ".password").</param>
    public static SigningCertificate Load(string path, string? password = null, string? passwordFile = null)
    {
        if (!File.Exists(path))
        {
            throw new ReportingException(ErrorCodes.SignCertificateMissing,
                $"Không tìm thấy tệp khóa ký '{path}'. Tạo chứng thư phát triển bằng 'certs dev-create' hoặc cấu hình Signing:SystemCertificate.");
        }

        if (password is null)
        {
            var file = passwordFile ?? path + ".password";
            if (!File.Exists(file))
            {
                throw new ReportingException(ErrorCodes.SignCertificateMissing,
                    $"Không có mật khẩu cho '{path}': đặt biến môi trường REPORTING_Signing__SystemCertificatePassword hoặc tệp '{file}'.");
            }

            password = File.ReadAllText(file).TrimEnd('\r', '\n');
        }

        X509Certificate2Collection all;
        try
        {
            all = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new ReportingException(ErrorCodes.SignCertificateMissing, $"Không mở được tệp khóa ký '{path}' (sai mật khẩu hoặc tệp hỏng).", ex);
        }

        var leaf = all.FirstOrDefault(c => c.HasPrivateKey)
            ?? throw new ReportingException(ErrorCodes.SignCertificateMissing, $"Tệp '{path}' không chứa khóa bí mật.");
        var chain = new X509Certificate2Collection();
        foreach (var c in all)
        {
            if (!ReferenceEquals(c, leaf))
            {
                chain.Add(c);
            }
        }

        return new SigningCertificate(leaf, chain);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var c in Chain)
        {
            c.Dispose();
        }
    }
}
