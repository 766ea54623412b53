using Reporting.Tests.Fixtures;
using Reporting.Worker.Sign;

namespace Reporting.Tests.Sign;

public sealed class PdfSignatureVerifierTests
{
    private static readonly PdfSignatureVerifier Verifier = PdfSignatureVerifier.FromDirectory(DevCerts.TrustDirectory);

    private static async Task<byte[]> SignAsync(byte[] pdf, string keyFile, string name)
    {
        using var key = DevCerts.Load(keyFile);
        return await new PdfSigner(key).SignAsync(pdf, new SignatureRequest(name, "Ký ban hành", "An Giang", DateTimeOffset.UtcNow), CancellationToken.None);
    }

    [Fact]
    public async Task Verify_SystemSignedFile_IsIntactTrustedCoveringAndNamesTheSigner()
    {
        using var key = DevCerts.Load(DevCertificates.SystemFile);
        var signed = await new PdfSigner(key).SignAsync(SamplePdfs.Minimal(), PdfSignerTests.Version(), CancellationToken.None);
        var result = Verifier.Verify(signed);

        var only = Assert.Single(result.Signatures);
        Assert.True(only.Intact, only.Problem);
        Assert.Equal(ChainStatus.Trusted, only.Chain);
        Assert.True(only.CoversWholeFile);
        Assert.Equal("ETSI.CAdES.detached", only.SubFilter);
        Assert.Equal(DevCertificates.SystemName, only.SignerName);
        Assert.NotNull(only.SigningTime);
        Assert.Equal(SamplePdfs.Minimal().Length, only.RevisionStart);
    }

    [Fact]
    public void Verify_UnsignedFile_FindsNoSignature()
    {
        var result = Verifier.Verify(SamplePdfs.Minimal());
        Assert.False(result.IsSigned);
        Assert.False(result.AllIntact);
    }

    [Fact]
    public async Task Verify_OneFlippedByteInsideTheSignedRange_IsNotIntact()
    {
        var signed = await SignAsync(SamplePdfs.Minimal(), DevCertificates.OfficialSignerFile, "A");
        var text = System.Text.Encoding.Latin1.GetString(signed);
        var at = text.IndexOf("Bao cao", StringComparison.Ordinal);
        signed[at] = (byte)'X';

        var check = Assert.Single(Verifier.Verify(signed).Signatures);
        Assert.False(check.Intact);
        Assert.NotNull(check.Problem);
    }

    [Fact]
    public async Task Verify_BytesAppendedAfterTheLastSignature_AreReportedAsNotCovered()
    {
        var signed = await SignAsync(SamplePdfs.Minimal(), DevCertificates.OfficialSignerFile, "A");
        var appended = signed.Concat("1 0 obj\n<< /Type /Catalog >>\nendobj\n"u8.ToArray()).ToArray();

        var result = Verifier.Verify(appended);
        Assert.True(result.AllIntact);
        Assert.False(result.LastCoversWholeFile);
    }

    [Fact]
    public async Task Verify_SignerFromAnotherCa_IsIntactButUntrusted()
    {
        var signed = await SignAsync(SamplePdfs.Minimal(), DevCertificates.ForeignSignerFile, "B");
        var check = Assert.Single(Verifier.Verify(signed).Signatures);
        Assert.True(check.Intact, check.Problem);
        Assert.Equal(ChainStatus.Untrusted, check.Chain);
        Assert.Contains("danh sách tin cậy", check.ChainProblem);
    }

    [Fact]
    public async Task Verify_PersonThenOrganisation_BothIntact_OnlyTheLastCoversTheFile_AndThePdfsigAgrees()
    {
        var draft = SamplePdfs.FromChromium();
        var byPerson = await SignAsync(draft, DevCertificates.OfficialSignerFile, DevCertificates.OfficialSignerName);
        var byOrganisation = await SignAsync(byPerson, DevCertificates.OrganisationFile, DevCertificates.OrganisationName);

        var result = Verifier.Verify(byOrganisation);
        Assert.Equal(2, result.Signatures.Count);
        Assert.True(result.AllIntact);
        Assert.True(result.AllTrusted);
        Assert.False(result.Signatures[0].CoversWholeFile);
        Assert.True(result.LastCoversWholeFile);
        Assert.Equal(draft.Length, result.UnsignedRevisionLength);
        Assert.Equal(byPerson.Length, result.Signatures[1].RevisionStart);
        Assert.Contains("Nguyễn Văn A", result.Signers);

        var path = Path.Combine(Path.GetTempPath(), $"reporting-test-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, byOrganisation);
        try
        {
            var report = Tools.Pdfsig(path);
            Assert.Contains("Signature #2", report);
            Assert.Equal(2, report.Split("Signature is Valid.").Length - 1);
            Assert.Contains("Total document signed", report);
            Assert.Contains(DevCertificates.OfficialSignerName, report);
            Assert.Contains(DevCertificates.OrganisationName, report);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ParsePdfDate_ReadsOffsets()
    {
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 14, 30, 15, TimeSpan.FromHours(7)), PdfSignatureVerifier.ParsePdfDate("D:20261205143015+07'00'"));
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 7, 30, 15, TimeSpan.Zero), PdfSignatureVerifier.ParsePdfDate("D:20261205073015Z"));
    }
}
