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

    [Fact]
    public async Task SystemSignature_OnMinimalHandWrittenPdf14_IsValidInPdfsig()
    {
        using var key = DevCerts.Load(DevCertificates.SystemFile);
        var signed = await new PdfSigner(key).SignAsync(SamplePdfs.Minimal(), Version(), CancellationToken.None);
        var path = Save(signed);
        try
        {
            var report = Tools.Pdfsig(path);
            Assert.Contains("Signature is Valid.", report);
            Assert.Contains("Total document signed", report);
            Assert.True(signed.AsSpan().StartsWith(SamplePdfs.Minimal()), "an incremental update keeps the original bytes");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Sign_AFileWithXrefAndObjectStreams_AppendsAValidSignature()
    {
        var dir = Directory.CreateTempSubdirectory("reporting-test-objstm-");
        try
        {
            var plain = Path.Combine(dir.FullName, "plain.pdf");
            var packed = Path.Combine(dir.FullName, "packed.pdf");
            await File.WriteAllBytesAsync(plain, SamplePdfs.FromChromium());
            Tools.Run("qpdf", "--object-streams=generate", plain, packed);
            Assert.Contains("/ObjStm", System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(packed)));

            using var key = DevCerts.Load(DevCertificates.SystemFile);
            var signed = await new PdfSigner(key).SignAsync(await File.ReadAllBytesAsync(packed), Version(), CancellationToken.None);
            var output = Path.Combine(dir.FullName, "signed.pdf");
            await File.WriteAllBytesAsync(output, signed);
            var report = Tools.Pdfsig(output);
            Assert.Contains("Signature is Valid.", report);
            Assert.Contains("Total document signed", report);
            Assert.Equal(0, Tools.Try("qpdf", "--check", output).ExitCode);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task SystemSignature_IsLabelledAsATechnicalSignature_NotTheIssuers()
    {
        using var key = DevCerts.Load(DevCertificates.SystemFile);
        var signed = await new PdfSigner(key).SignAsync(SamplePdfs.Minimal(), Version(), CancellationToken.None);
        var path = Save(signed);
        try
        {
            Assert.Contains($"Signer Certificate Common Name: {DevCertificates.SystemName}", Tools.Pdfsig(path));
            var text = System.Text.Encoding.Latin1.GetString(signed);
            Assert.Contains(PdfSigner.PdfText($"{SignatureRequest.SystemSealReason} Văn bản số 15/BC-SNV."), text);
            Assert.Contains("/Rect [0 0 0 0]", text);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
