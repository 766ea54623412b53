using Reporting.Tests.Fixtures;
using Reporting.Worker.Archive;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Pipeline;
using Reporting.Worker.Sign;

namespace Reporting.Tests.Archive;

public sealed class OfficialImportTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IDisposable
{
    private readonly ArchiveKit _kit = new(fixture.Database);

    public void Dispose() => _kit.Dispose();

    private sealed class RecordingRelease : IIssuedReportRelease
    {
        public List<ArchiveEntry> Released { get; } = [];

        public byte[]? Pdf { get; private set; }

        public Task ReleaseAsync(ArchiveEntry issued, byte[] signedPdf, CancellationToken cancellationToken)
        {
            Released.Add(issued);
            Pdf = signedPdf;
            return Task.CompletedTask;
        }
    }

    private async Task<(ReportVersion Version, ArchivedFile Draft, byte[] Pdf)> DraftAsync(string text)
    {
        var version = ArchiveKit.NewVersion(SigningPolicy.Official);
        var pdf = SamplePdfs.Minimal(text);
        var draft = await _kit.Store.StoreAsync(version, ArchiveRole.DraftPdf, pdf, CancellationToken.None);
        return (version, draft, pdf);
    }

    private static async Task<byte[]> SignedByPersonAndOrganisationAsync(byte[] draft) =>
        await ArchiveKit.SignAsync(await ArchiveKit.SignAsync(draft, DevCertificates.OfficialSignerFile, DevCertificates.OfficialSignerName),
            DevCertificates.OrganisationFile, DevCertificates.OrganisationName);

    [Fact]
    public async Task RoundTrip_DraftSignedOutsideByPersonThenOrganisation_IsImportedIssuedAndReleased()
    {
        var (version, draft, pdf) = await DraftAsync("round trip");
        Assert.Equal("awaiting_signature", (await _kit.Store.GetAsync(draft.EntryId, CancellationToken.None)).State);
        var signed = await SignedByPersonAndOrganisationAsync(pdf);
        var release = new RecordingRelease();

        var result = await new OfficialImport(_kit.Store, _kit.Verifier, release: release).ImportAsync(signed, version.Id, null, CancellationToken.None);

        Assert.False(result.AlreadyImported);
        Assert.Equal("revision", result.MatchedBy);
        var issued = result.Issued;
        Assert.Equal(("issued", "official", "trusted", "imported", (long?)draft.EntryId), (issued.State, issued.SignatureKind, issued.ChainStatus, issued.Source, issued.DerivedFrom));
        Assert.Contains("Nguyễn Văn A", issued.SignerSubject);
        Assert.Contains("Sở Nội vụ tỉnh An Giang (development)", issued.SignerSubject);
        Assert.Equal(ContentStore.Hash(signed), issued.Sha256);
        Assert.Equal("signed", (await _kit.Store.GetAsync(draft.EntryId, CancellationToken.None)).State);
        Assert.Equal(issued.Id, Assert.Single(release.Released).Id);
        Assert.Equal(signed, release.Pdf);
        Assert.Equal(signed, await _kit.Store.ReadAsync(version, ArchiveRole.IssuedPdf, CancellationToken.None));

        // Importing the same file again is a no-op; the archive still verifies.
        var again = await new OfficialImport(_kit.Store, _kit.Verifier).ImportAsync(signed, null, draft.EntryId, CancellationToken.None);
        Assert.True(again.AlreadyImported);
        Assert.Equal(issued.Id, again.Issued.Id);
        Assert.True((await new ArchiveAudit(_kit.Store, _kit.Verifier).RunAsync(issued.Id, CancellationToken.None)).Passed);
    }

    [Fact]
    public async Task Import_OfAnotherRunsDraft_IsRefusedAsForeign_NamingTheRunItBelongsTo()
    {
        var (mine, _, _) = await DraftAsync("draft of run A");
        var (theirs, theirDraft, theirPdf) = await DraftAsync("draft of run B");
        var signed = await SignedByPersonAndOrganisationAsync(theirPdf);

        var ex = await Assert.ThrowsAsync<ReportingException>(() => new OfficialImport(_kit.Store, _kit.Verifier).ImportAsync(signed, mine.Id, null, CancellationToken.None));

        Assert.Equal(ErrorCodes.ImportForeignDocument, ex.Code);
        Assert.Contains($"mục {theirDraft.EntryId}, lần chạy {theirs.Id}", ex.Message);
        Assert.Null(await _kit.Store.FindAsync(mine.Id, ArchiveRole.IssuedPdf, CancellationToken.None));
    }

    [Fact]
    public async Task Import_SignedByACertificateOutsideTheTrustList_IsRefusedAsUntrusted_OrFlaggedWhenAccepted()
    {
        var (version, draft, pdf) = await DraftAsync("foreign signer");
        var signed = await ArchiveKit.SignAsync(pdf, DevCertificates.ForeignSignerFile, DevCertificates.ForeignSignerName);

        var ex = await Assert.ThrowsAsync<ReportingException>(() => new OfficialImport(_kit.Store, _kit.Verifier).ImportAsync(signed, version.Id, null, CancellationToken.None));
        Assert.Equal(ErrorCodes.ImportUntrusted, ex.Code);
        Assert.Contains("không thuộc danh sách tin cậy", ex.Message);
        Assert.Contains("Trần Thị B", ex.Message);
        Assert.Equal("awaiting_signature", (await _kit.Store.GetAsync(draft.EntryId, CancellationToken.None)).State);

        var flagged = await new OfficialImport(_kit.Store, _kit.Verifier, acceptUntrusted: true).ImportAsync(signed, version.Id, null, CancellationToken.None);
        Assert.Equal(("issued", "untrusted"), (flagged.Issued.State, flagged.Issued.ChainStatus));
    }

    [Fact]
    public async Task Import_OfAnUnsignedFile_IsRefused()
    {
        var (version, _, pdf) = await DraftAsync("unsigned");
        var ex = await Assert.ThrowsAsync<ReportingException>(() => new OfficialImport(_kit.Store, _kit.Verifier).ImportAsync(pdf, version.Id, null, CancellationToken.None));
        Assert.Equal(ErrorCodes.ImportUnsigned, ex.Code);
    }

    [Fact]
    public async Task Import_OfAFileChangedAfterSigning_IsRefused()
    {
        var (version, _, pdf) = await DraftAsync("altered");
        var signed = await SignedByPersonAndOrganisationAsync(pdf);
        var appended = signed.Concat("3 0 obj\n<< /Type /Page >>\nendobj\n"u8.ToArray()).ToArray();
        var ex = await Assert.ThrowsAsync<ReportingException>(() => new OfficialImport(_kit.Store, _kit.Verifier).ImportAsync(appended, version.Id, null, CancellationToken.None));
        Assert.Equal(ErrorCodes.ImportAlteredAfterSigning, ex.Code);

        var flipped = (byte[])signed.Clone();
        var at = System.Text.Encoding.Latin1.GetString(flipped).IndexOf("altered", StringComparison.Ordinal);
        flipped[at] = (byte)'A';
        var broken = await Assert.ThrowsAsync<ReportingException>(() => new OfficialImport(_kit.Store, _kit.Verifier).ImportAsync(flipped, version.Id, null, CancellationToken.None));
        Assert.Equal(ErrorCodes.ImportSignatureInvalid, broken.Code);
    }

    [Fact]
    public async Task Import_OfAFileTheSignersToolRewrote_IsMatchedByText()
    {
        var (version, _, pdf) = await DraftAsync("rewritten by the signing tool");
        var dir = Directory.CreateTempSubdirectory("reporting-test-rewrite-");
        try
        {
            // qpdf re-writes the whole file (new object layout) as some signing tools do, then the signers sign it.
            var input = Path.Combine(dir.FullName, "in.pdf");
            var output = Path.Combine(dir.FullName, "out.pdf");
            await File.WriteAllBytesAsync(input, pdf);
            Tools.Run("qpdf", "--object-streams=generate", input, output);
            var signed = await SignedByPersonAndOrganisationAsync(await File.ReadAllBytesAsync(output));

            var result = await new OfficialImport(_kit.Store, _kit.Verifier).ImportAsync(signed, version.Id, null, CancellationToken.None);
            Assert.Contains(result.MatchedBy, new[] { "revision", "text" });
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Import_OfADraftSignedByPopplerThenByTheOrganisation_IsIssued()
    {
        var (version, _, pdf) = await DraftAsync("signed by another tool");
        var dir = Directory.CreateTempSubdirectory("reporting-test-poppler-");
        try
        {
            // poppler's pdfsig is another PAdES implementation (adbe.pkcs7.detached); depending on the input it
            // appends an update or re-writes the file, so either match is right here.
            var input = Path.Combine(dir.FullName, "draft.pdf");
            var output = Path.Combine(dir.FullName, "person.pdf");
            await File.WriteAllBytesAsync(input, pdf);
            Tools.Run("pdfsig", "-nssdir", $"sql:{DevCerts.NssDirectory}", "-add-signature", "-nick", DevCerts.OfficialSignerNick, "-reason", "Ký duyệt", input, output);
            var signed = await ArchiveKit.SignAsync(await File.ReadAllBytesAsync(output), DevCertificates.OrganisationFile, DevCertificates.OrganisationName);

            var result = await new OfficialImport(_kit.Store, _kit.Verifier).ImportAsync(signed, version.Id, null, CancellationToken.None);

            Assert.Contains(result.MatchedBy, new[] { "revision", "text" });
            Assert.Equal(["adbe.pkcs7.detached", "ETSI.CAdES.detached"], result.Verification.Signatures.Select(s => s.SubFilter));
            Assert.True(result.Verification.AllTrusted);
            Assert.Equal("issued", result.Issued.State);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
