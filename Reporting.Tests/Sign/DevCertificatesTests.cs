using Reporting.Tests.Fixtures;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Sign;

namespace Reporting.Tests.Sign;

public sealed class DevCertificatesTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Create_WritesKeysWithPrivatePasswordFiles_ATrustList_AndRefusesToOverwrite()
    {
        var dir = Directory.CreateTempSubdirectory("reporting-test-devcerts-").FullName;
        try
        {
            DevCertificates.Create(dir, force: false);

            foreach (var file in new[] { DevCertificates.SystemFile, DevCertificates.OfficialSignerFile, DevCertificates.OrganisationFile, DevCertificates.ForeignSignerFile })
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, file + ".password")));
                using var key = SigningCertificate.Load(Path.Combine(dir, file));
                Assert.True(key.Certificate.HasPrivateKey);
                Assert.Single(key.Chain);
            }

            using var official = SigningCertificate.Load(Path.Combine(dir, DevCertificates.OfficialSignerFile));
            Assert.Equal(DevCertificates.OfficialSignerName, official.Certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false));
            Assert.Single(TrustList.Load(Path.Combine(dir, DevCertificates.TrustDirectory)));

            var ex = Assert.Throws<ReportingException>(() => DevCertificates.Create(dir, force: false));
            Assert.Equal(ErrorCodes.CertsExist, ex.Code);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Load_WithAWrongPassword_FailsWithAStableCode()
    {
        var ex = Assert.Throws<ReportingException>(() =>
            SigningCertificate.Load(Path.Combine(DevCerts.Directory, DevCertificates.SystemFile), password: "wrong"));
        Assert.Equal(ErrorCodes.SignCertificateMissing, ex.Code);
    }
}
