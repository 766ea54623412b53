using Dapper;
using Reporting.Worker.Database;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Sign;
using UglyToad.PdfPig;

namespace Reporting.Worker.Archive;

/// <summary>Distribution of an official report once its signed copy is archived: the worker implements it by
/// resuming the version's pipeline (deliver → issued), e.g. <c>ReportPipeline.ResumeAfterSignatureAsync(
/// issued.ReportVersionId, signedPdf)</c>. Called after the import's commit; must be idempotent.</summary>
public interface IIssuedReportRelease
{
    Task ReleaseAsync(ArchiveEntry issued, byte[] signedPdf, CancellationToken cancellationToken);
}

/// <param name="MatchedBy">"revision": the signed file's unsigned revision is byte-for-byte our draft;
/// "text": the signer's tool re-wrote the file and only its text matches the draft's.</param>
public sealed record ImportResult(ArchiveEntry Issued, ArchiveEntry Draft, PdfVerification Verification, string MatchedBy, bool AlreadyImported);

/// <summary>
/// The official round trip's way back in (product decision 7): a PDF signed outside the system with people's
/// tokens is accepted as the issued version of a draft only if it is signed, intact, not appended to after its
/// last signature, the signed document is that draft, and (unless configured otherwise) every signer chains to
/// the trust list. Then, in one transaction, the issued entry is appended and the draft moves to "signed";
/// after the commit the report is released to distribution.
/// </summary>
public sealed class OfficialImport(ArchiveStore archive, PdfSignatureVerifier verifier, bool acceptUntrusted = false, IIssuedReportRelease? release = null)
{
    /// <param name="reportVersionId">The run's report version (what <c>--run</c> names).</param>
    /// <param name="draftEntryId">Or the draft's archive entry id (<c>--entry</c>).</param>
    public async Task<ImportResult> ImportAsync(byte[] signedPdf, long? reportVersionId, long? draftEntryId, CancellationToken cancellationToken)
    {
        var draft = await FindDraftAsync(reportVersionId, draftEntryId, cancellationToken);
        var sha = ContentStore.Hash(signedPdf);
        if (draft.State == ArchiveStates.DraftSigned)
        {
            var issued = await archive.FindAsync(draft.ReportVersionId, Pipeline.ArchiveRole.IssuedPdf, cancellationToken);
            if (issued is not null && issued.Sha256 == sha)
            {
                return new ImportResult(issued, draft, verifier.Verify(signedPdf), "revision", AlreadyImported: true);
            }

            throw new ReportingException(ErrorCodes.ImportNotAwaiting,
                $"Dự thảo {draft.DocumentNumber} (mục {draft.Id}) đã có bản ký được nhập (mục {issued?.Id}); không nhập thêm bản khác.");
        }

        if (draft.State != ArchiveStates.AwaitingSignature)
        {
            throw new ReportingException(ErrorCodes.ImportNotAwaiting,
                $"Dự thảo {draft.DocumentNumber} (mục {draft.Id}) đang ở trạng thái '{draft.State}', không chờ ký.");
        }

        var check = verifier.Verify(signedPdf);
        if (!check.IsSigned)
        {
            throw new ReportingException(ErrorCodes.ImportUnsigned, "Tệp không có chữ ký số nào: hãy nhập bản đã ký bằng thiết bị ký số.");
        }

        if (check.Signatures.FirstOrDefault(s => !s.Intact) is { } broken)
        {
            throw new ReportingException(ErrorCodes.ImportSignatureInvalid,
                $"Chữ ký thứ {broken.Index} ({broken.SignerName ?? "không rõ người ký"}) không hợp lệ: {broken.Problem}");
        }

        if (!check.LastCoversWholeFile)
        {
            throw new ReportingException(ErrorCodes.ImportAlteredAfterSigning,
                "Tệp đã bị thêm hoặc sửa nội dung sau chữ ký cuối cùng (chữ ký không bao trùm toàn bộ tệp).");
        }

        var draftBytes = await archive.ReadAsync(draft, cancellationToken);
        var matchedBy = await MatchAsync(signedPdf, check, draft, draftBytes, cancellationToken);

        if (!check.AllTrusted && !acceptUntrusted)
        {
            var untrusted = check.Signatures.First(s => s.Chain != ChainStatus.Trusted);
            throw new ReportingException(ErrorCodes.ImportUntrusted,
                $"Chữ ký còn nguyên vẹn nhưng người ký '{untrusted.SignerName}' không thuộc danh sách tin cậy: {untrusted.ChainProblem}");
        }

        var row = new ArchiveStore.NewEntry(draft.ReportVersionId, "issued_pdf", draft.Kind, draft.PeriodCode, draft.UnitCode, draft.Version,
            draft.DocumentNumber, draft.IssuerCode, draft.IssueDate, ArchiveStates.Issued, "official", check.Signers,
            check.AllTrusted ? "trusted" : "untrusted", check.Signatures[^1].SigningTime?.UtcDateTime,
            draft.FileName.Replace("_draft.pdf", ".pdf", StringComparison.Ordinal), draft.TemplateVersion, draft.DataFingerprint, "imported", draft.Id);
        var entry = await archive.AppendAsync(row, signedPdf, async (connection, transaction) =>
        {
            await ArchiveStore.MoveStateAsync(connection, transaction, draft.Id, ArchiveStates.AwaitingSignature, ArchiveStates.DraftSigned);
            await connection.ExecuteAsync(SqlFiles.Get("queries/archive/release_workbook"), new { report_version_id = draft.ReportVersionId }, transaction);
        }, cancellationToken);

        // Durable: the signed file, its issued entry and the draft's move are committed; a retry returns them as
        // already imported. Distribution is the deliver stage's, idempotent per recipient.
        if (release is not null)
        {
            await release.ReleaseAsync(entry, signedPdf, cancellationToken);
        }

        return new ImportResult(entry, draft, check, matchedBy, AlreadyImported: false);
    }

    private async Task<ArchiveEntry> FindDraftAsync(long? reportVersionId, long? draftEntryId, CancellationToken cancellationToken)
    {
        if (draftEntryId is { } id)
        {
            var entry = await archive.GetAsync(id, cancellationToken);
            return entry.Role == "draft_pdf" ? entry
                : throw new ReportingException(ErrorCodes.ImportDraftNotFound, $"Mục lưu trữ {id} không phải là dự thảo chờ ký (vai trò '{entry.Role}').");
        }

        if (reportVersionId is { } version)
        {
            return await archive.FindAsync(version, Pipeline.ArchiveRole.DraftPdf, cancellationToken)
                ?? throw new ReportingException(ErrorCodes.ImportDraftNotFound, $"Lần chạy (phiên bản báo cáo) {version} không có dự thảo chờ ký trong lưu trữ.");
        }

        throw new ReportingException(ErrorCodes.BadArguments, "Cần --run ID (phiên bản báo cáo) hoặc --entry ID (mục dự thảo).");
    }

    /// <summary>The signed document must be this draft: its unsigned revision is our draft byte for byte, or (a
    /// signer's tool that re-writes the file) its text is the draft's text. Otherwise it is refused as foreign,
    /// naming the draft it does belong to when we know it.</summary>
    private async Task<string> MatchAsync(byte[] signedPdf, PdfVerification check, ArchiveEntry draft, byte[] draftBytes, CancellationToken cancellationToken)
    {
        if (signedPdf.AsSpan().StartsWith(draftBytes) && check.Signatures[0].ByteRange[1] > draftBytes.Length)
        {
            return "revision";
        }

        if (NormalisedText(draftBytes) is { Length: > 0 } draftText && draftText == NormalisedText(signedPdf))
        {
            return "text";
        }

        var revisionSha = ContentStore.Hash(signedPdf.AsSpan(0, (int)check.Signatures[0].RevisionStart));
        var owner = (await archive.DraftsAsync(cancellationToken)).FirstOrDefault(d => d.Sha256 == revisionSha);
        var whose = owner is null ? "không khớp dự thảo nào trong lưu trữ"
            : $"là bản ký của dự thảo {owner.DocumentNumber} (mục {owner.Id}, lần chạy {owner.ReportVersionId}, {owner.Kind} {owner.PeriodCode} {owner.UnitCode})";
        throw new ReportingException(ErrorCodes.ImportForeignDocument,
            $"Văn bản đã ký không phải dự thảo {draft.DocumentNumber} (mục {draft.Id}, lần chạy {draft.ReportVersionId}): tệp {whose}.");
    }

    /// <summary>The text of every page with all white space removed (PdfPig), NFC.</summary>
    internal static string NormalisedText(byte[] pdf)
    {
        try
        {
            using var document = PdfDocument.Open(pdf);
            var text = string.Concat(document.GetPages().Select(p => p.Text));
            return new string(text.Normalize(System.Text.NormalizationForm.FormC).Where(c => !char.IsWhiteSpace(c)).ToArray());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return "";
        }
    }
}
