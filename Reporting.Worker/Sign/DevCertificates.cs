using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Sign;

/// <summary>
/// Development certificates for the demo and the tests (never for production): a development CA, the system
/// seal, an official signer (a person), an organisation certificate (the electronic seal of the Sở Nội vụ) and a
/// "foreign" signer issued by another CA that is not in the trust list. Layout under the output directory:
/// <code>
/// trust/dev-ca.crt                      the trust list (Signing:TrustedCaDirectory)
/// system.p12 (+ .password)              the technical integrity signature
/// official-signer.p12 (+ .password)     plays the competent person with a token
/// organisation.p12 (+ .password)        plays the Văn thư applying the organisation's signature
/// foreign-signer.p12 (+ .password)      chains to foreign-ca.crt, outside the trust list
/// foreign-ca.crt
/// </code>
/// Each PKCS#12 holds the key, its certificate and the issuing CA; its password is random, written beside it
/// with mode 0600. CA private keys are not kept.
/// </summary>
public static class DevCertificates
{
    public const string SystemFile = "system.p12";
    public const string OfficialSignerFile = "official-signer.p12";
    public const string OrganisationFile = "organisation.p12";
    public const string ForeignSignerFile = "foreign-signer.p12";
    public const string TrustDirectory = "trust";

    public const string SystemName = "Reporting system seal (development)";
    public const string OfficialSignerName = "Nguyễn Văn A — Phó Giám đốc Sở Nội vụ (development)";
    public const string OrganisationName = "Sở Nội vụ tỉnh An Giang (development)";
    public const string ForeignSignerName = "Trần Thị B — chứng thư ngoài danh sách tin cậy (development)";

    public static IReadOnlyList<string> Create(string directory, bool force)
    {
        var system = Path.Combine(directory, SystemFile);
        if (File.Exists(system) && !force)
        {
            throw new ReportingException(ErrorCodes.CertsExist, $"Đã có chứng thư phát triển trong '{directory}'. Dùng --force để tạo lại.");
        }

        Directory.CreateDirectory(Path.Combine(directory, TrustDirectory));
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var ca = CreateCa("Reporting Development CA", now);
        using var foreignCa = CreateCa("Foreign Test CA (not trusted)", now);
        var written = new List<string>
        {
            WritePem(Path.Combine(directory, TrustDirectory, "dev-ca.crt"), ca),
            WritePem(Path.Combine(directory, "foreign-ca.crt"), foreignCa),
            WriteKey(Path.Combine(directory, SystemFile), ca, SystemName, "Hệ thống báo cáo CCHC", now),
            WriteKey(Path.Combine(directory, OfficialSignerFile), ca, OfficialSignerName, "Sở Nội vụ tỉnh An Giang", now),
            WriteKey(Path.Combine(directory, OrganisationFile), ca, OrganisationName, "Sở Nội vụ tỉnh An Giang", now),
            WriteKey(Path.Combine(directory, ForeignSignerFile), foreignCa, ForeignSignerName, "Tổ chức khác", now),
        };
        return written;
    }

    private static X509Certificate2 CreateCa(string name, DateTimeOffset now)
    {
        using var key = RSA.Create(3072);
        var request = new CertificateRequest(Subject(name, "Reporting (development)"), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now, now.AddYears(10));
    }

    private static string WriteKey(string path, X509Certificate2 ca, string name, string organisation, DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(Subject(name, organisation), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var issued = request.Create(ca, now, now.AddYears(3), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        using var caPublic = X509CertificateLoader.LoadCertificate(ca.RawData);

        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        var bundle = new X509Certificate2Collection { withKey, caPublic };
        File.WriteAllBytes(path, bundle.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password));
        WriteSecret(path + ".password", password);
        return path;
    }

    private static string WritePem(string path, X509Certificate2 certificate)
    {
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");
        return path;
    }

    /// <summary>Created with mode 0600 before any byte is written, so the secret is never world-readable.</summary>
    private static void WriteSecret(string path, string secret)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(secret + "\n");
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static X500DistinguishedName Subject(string commonName, string organisation)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCountryOrRegion("VN");
        builder.AddOrganizationName(organisation);
        builder.AddCommonName(commonName);
        return builder.Build();
    }
}
