using Reporting.Tests.Fixtures;
using Reporting.Worker.Sign;

namespace Reporting.Tests.Sign;

public sealed class TimestampTests
{
    [Fact]
    public async Task Sign_WithATsaConfigured_EmbedsASignatureTimeStamp_ThatTheVerifierReadsAsTheSigningTime()
    {
        using var tsa = new LoopbackTsa();
        using var http = new HttpClient();
        using var key = DevCerts.Load(DevCertificates.SystemFile);
        var claimed = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var signer = new PdfSigner(key, new TimestampClient(http, tsa.Url));

        var signed = await signer.SignAsync(SamplePdfs.Minimal(), new SignatureRequest("seal", "lý do", "An Giang", claimed), CancellationToken.None);

        Assert.Equal(1, tsa.Requests);
        var check = Assert.Single(PdfSignatureVerifier.FromDirectory(DevCerts.TrustDirectory).Verify(signed).Signatures);
        Assert.True(check.Intact, check.Problem);
        Assert.True(check.HasTimestamp);
        Assert.Equal("dấu thời gian", check.SigningTimeSource);
        Assert.InRange(check.SigningTime!.Value, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));

        var path = Path.Combine(Path.GetTempPath(), $"reporting-test-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, signed);
        try
        {
            var report = Tools.Pdfsig(path);
            Assert.Contains("Signature is Valid.", report);
            Assert.Contains("Total document signed", report);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Sign_WhenTheTsaIsUnreachable_FailsWithAStableCode()
    {
        using var http = new HttpClient();
        using var key = DevCerts.Load(DevCertificates.SystemFile);
        var signer = new PdfSigner(key, new TimestampClient(http, new Uri("http://127.0.0.1:9/tsa")));
        var ex = await Assert.ThrowsAsync<Reporting.Worker.Diagnostics.ReportingException>(() =>
            signer.SignAsync(SamplePdfs.Minimal(), new SignatureRequest("seal", "lý do", "An Giang", DateTimeOffset.UtcNow), CancellationToken.None));
        Assert.Equal(Reporting.Worker.Diagnostics.ErrorCodes.SignTimestampFailed, ex.Code);
    }
}
