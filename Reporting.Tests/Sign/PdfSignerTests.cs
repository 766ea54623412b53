using Reporting.Templates.Model;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Pipeline;
using Reporting.Worker.Sign;

namespace Reporting.Tests.Sign;

public sealed class PdfSignerTests
{
    internal static ReportVersion Version(long id = 1, int number = 15) => new(id, new ReportKey(ReportKind.Annual, "2026", "SNV"), 1, "SNV",
        number, "BC-SNV", new DateOnly(2026, 12, 5), new string('a', 64), "t1", SigningPolicy.System);

    private static string Save(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"reporting-test-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        return path;
    }

    [Fact]
    public async Task SystemSignature_OnChromiumPdf_IsValidTrustedAndCoversTheWholeDocument_InPdfsig()
    {
        using var key = DevCerts.Load(DevCertificates.SystemFile);
        var signed = await new PdfSigner(key).SignAsync(SamplePdfs.FromChromium(), Version(), CancellationToken.None);
        var path = Save(signed);
        try
        {
            var report = Tools.Pdfsig(path);
            Assert.Contains("Signature is Valid.", report);
            Assert.Contains("Certificate is Trusted.", report);
            Assert.Contains("Total document signed", report);
            Assert.Contains(DevCertificates.SystemName, report);
            Assert.Contains("ETSI.CAdES.detached", report);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
