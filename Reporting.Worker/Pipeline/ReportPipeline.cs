using Reporting.Templates.Model;
using Reporting.Templates.Rendering;
using Reporting.Worker.Calendar;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Pipeline;

/// <summary>What one pipeline call ended with; <paramref name="Reason"/> is a note with a code when the report is
/// issued with something left to do (<c>[DELIVERY_PENDING]</c>: some sends wait for the retry job).</summary>
public sealed record PipelineResult(ReportVersion Version, string State, string? Reason = null);

/// <summary>
/// Runs one unit's report: extract → version (reuse or allocate the number) → render → sign or stop for the
/// people's signatures → archive → deliver. Every step is idempotent on the version id, so the same call after a
/// crash, a Hangfire retry or a second worker picks up where the durable state says and never allocates a
/// second number. Progress is recorded on the run row (when there is one) for <c>runs show</c>.
/// </summary>
public sealed class ReportPipeline(
    RunStore store,
    IReportDataSource dataSource,
    IReportRenderer renderer,
    IReportSigner signer,
    IReportArchive archive,
    IReportDelivery delivery,
    PipelineOptions options,
    TimeProvider clock,
    Inputs.InputsGate? inputsGate = null)
{
    public Task<PipelineResult> RunAsync(ReportRequest request, long? runId, CancellationToken ct) =>
        RunAsync(request, runId, loaded: null, ct);

    /// <summary>The same, with the extract already read by the caller for this request (the ad hoc API reads it
    /// once for its reuse check): <paramref name="loaded"/> stands for the extract step.</summary>
    public async Task<PipelineResult> RunAsync(ReportRequest request, long? runId, ReportData? loaded, CancellationToken ct)
    {
        var key = request.Key;
        try
        {
            if (runId is not null)
            {
                await store.StartRunAsync(runId.Value, ct);
            }

            // Extract. Nothing durable yet: a retry re-reads the warehouse and gets the same fingerprint for the
            // same data.
            await store.StepAsync(runId, "extracting", ct: ct);
            var data = loaded ?? await dataSource.LoadAsync(request, ct);

            // Version. One transaction: lock the report, reuse the exact key or the unfinished version, else lock
            // the issuer's register row, take the next number and insert the version.
            // CHECKPOINT 1: the version and its number exist; every retry from here resumes this version with
            // this number (even with new data, while it is unissued), so a crash leaves no gap.
            var policy = options.PolicyFor(key.Kind);
            if (policy == SigningPolicy.Official && inputsGate is not null)
            {
                // A draft goes to the signer only with the unit's required inputs present (configurable to warn):
                // refused before a number is taken, so a blocked report burns no number.
                await inputsGate.EnsureAsync(key, policy, ct);
            }

            var issuer = key.UnitCode == ReportKey.Province ? options.ConsolidatedIssuer : key.UnitCode;
            var row = await store.ObtainVersionAsync(key, data.Model.TemplateVersion, data.Fingerprint, issuer,
                "BC-" + data.Model.Header.Issuer.Symbol, CivilTime.DateOf(clock.GetUtcNow()), policy, ct);
            var version = row.ToVersion();
            if (row.State is "issued" or "superseded")
            {
                // Same data, same template: already issued. Nothing new is made, nothing is sent again.
                await store.StepAsync(runId, "done", version.Id, ct: ct);
                return new PipelineResult(version, row.State);
            }

            if (row.State == "awaiting_signature")
            {
                // The draft is archived and waits for the people's signatures; the import resumes it.
                await store.StepAsync(runId, "awaiting_signature", version.Id, ct: ct);
                return new PipelineResult(version, row.State);
            }

            // Render with the number and the issue date recorded on the version. Deterministic: a retry renders
            // the same bytes again (nothing durable until the archive).
            await store.StepAsync(runId, "rendering", version.Id, ct: ct);
            var model = data.Model with
            {
                Header = data.Model.Header with { DocumentNumber = version.DocumentNumber, IssueDate = version.IssueDate },
            };
            RenderedReport rendered;
            try
            {
                rendered = await renderer.RenderAsync(model, ct);
            }
            catch (ArgumentException e)
            {
                // The templates refuse a model the official form cannot print: permanent for this report only.
                throw new ReportingException(ErrorCodes.RenderFailed, $"Không dựng được báo cáo {key}: {e.Message}", e);
            }
            catch (Templates.Pdf.ChromiumCrashedException e)
            {
                // Chromium died under this report (killed, out of memory): transient. Nothing durable was written;
                // the printer relaunches the browser for the next document and a retry resumes this version.
                throw new TransientReportingException(ErrorCodes.RenderBrowserCrashed,
                    $"Chromium dừng đột ngột khi đang in báo cáo {key} (số {version.DocumentNumberText} được giữ cho lần chạy lại): {e.Message}", e);
            }

            if (version.Policy == SigningPolicy.Official)
            {
                // CHECKPOINT 2a (official): the unsigned draft and the workbook are archived (idempotent on
                // version and role); the version waits for signatures. A retry stores the same roles again,
                // which changes nothing. ResumeAfterSignatureAsync continues once the signed PDF is imported.
                await store.StepAsync(runId, "archiving", ct: ct);
                await StoreBothAsync(version, ArchiveRole.DraftPdf, rendered.Pdf, rendered.Xlsx, ct);
                await store.AwaitSignatureAsync(version.Id, ct);
                await store.StepAsync(runId, "awaiting_signature", ct: ct);
                return new PipelineResult(version, "awaiting_signature");
            }

            // Sign (system policy). Deterministic for the same bytes and version; nothing durable yet.
            await store.StepAsync(runId, "signing", ct: ct);
            var signed = await signer.SignAsync(rendered.Pdf, version, ct);

            // CHECKPOINT 2b (system): the issued PDF and the workbook are in the archive. A retry stores them
            // again, which the archive answers with the existing entries.
            await store.StepAsync(runId, "archiving", ct: ct);
            await StoreBothAsync(version, ArchiveRole.IssuedPdf, signed, rendered.Xlsx, ct);

            // What goes out is what the archive holds. After a crash past the archive, this attempt rendered and
            // signed again: same content, but other bytes (signing time, PDF creation date) than the archived
            // issued PDF; sending those would put a second signed file with the same number into circulation.
            var issuedPdf = await archive.ReadAsync(version, ArchiveRole.IssuedPdf, ct) ?? signed;
            var workbook = await archive.ReadAsync(version, ArchiveRole.Workbook, ct) ?? rendered.Xlsx;
            return await DeliverAndIssueAsync(version, issuedPdf, workbook, runId, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && runId is not null)
        {
            // The reason is kept on the run either way; the caller (job or CLI) decides whether it retries.
            await store.StepAsync(runId, ex is ReportingException ? "failed" : "pending", reason: Reason(ex), ct: CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Continues an official version once its signed PDF has been imported (the archive stage calls this after
    /// storing it as <see cref="ArchiveRole.IssuedPdf"/>): archive (again, idempotent) → deliver → issued.
    /// </summary>
    public async Task<PipelineResult> ResumeAfterSignatureAsync(long versionId, byte[] signedPdf, CancellationToken ct)
    {
        var row = await store.VersionAsync(versionId, ct)
            ?? throw new ReportingException(ErrorCodes.VersionUnknown, $"Không có phiên bản báo cáo {versionId}.");
        var version = row.ToVersion();
        var runs = await store.RunsOfVersionAsync(versionId, ct);
        if (row.State is "issued" or "superseded")
        {
            return new PipelineResult(version, row.State);
        }

        await archive.StoreAsync(version, ArchiveRole.IssuedPdf, signedPdf, ct);
        var workbook = await archive.ReadAsync(version, ArchiveRole.Workbook, ct);
        PipelineResult? result = null;
        foreach (var runId in runs.DefaultIfEmpty())
        {
            result = await DeliverAndIssueAsync(version, signedPdf, workbook, runId == 0 ? null : runId, ct);
        }

        return result!;
    }

    private async Task<PipelineResult> DeliverAndIssueAsync(ReportVersion version, byte[] pdf, byte[]? xlsx, long? runId, CancellationToken ct)
    {
        // Deliver: the delivery ledger sends each (version, recipient, channel) once; a retry sends only what
        // is not yet sent. Ad hoc reports are not sent anywhere: the department that asked downloads them.
        if (version.Key.Kind == ReportKind.Adhoc)
        {
            await store.IssueAsync(version.Id, ct);
            await store.StepAsync(runId, "done", version.Id, ct: ct);
            return new PipelineResult(version, "issued");
        }

        await store.StepAsync(runId, "delivering", ct: ct);
        var files = new List<DeliveredFile> { new($"{version.FileStem}.pdf", "application/pdf", pdf) };
        if (xlsx is not null)
        {
            files.Add(new($"{version.FileStem}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx));
        }

        var outcome = await delivery.DeliverAsync(version, files, ct);

        // CHECKPOINT 3: issued. The version is the current one; earlier versions of the report are superseded.
        // The signed PDF is archived and every send is in the delivery ledger, so a send that could not go out
        // now (mail server down: refused, 4xx, timeout) does not hold the report back: the ledger's retry job
        // (DeliveryJobs.RetryDueAsync) sends exactly what is left, once. Re-rendering or re-keying a document that
        // is archived and partly sent would be wrong; the run ends done with the code as its note.
        await store.IssueAsync(version.Id, ct);
        string? note = null;
        if (outcome.Pending > 0)
        {
            note = $"[{ErrorCodes.DeliveryPending}] Báo cáo {version.DocumentNumberText} đã ban hành và lưu trữ; còn {outcome.Pending} lần gửi chưa thành công "
                + "(máy chủ thư chưa nhận), hệ thống sẽ tự gửi lại, mỗi nơi nhận đúng một lần (xem 'delivery list').";
        }

        await store.StepAsync(runId, "done", version.Id, note, ct);
        return new PipelineResult(version, "issued", note);
    }

    /// <summary>
    /// The PDF and the workbook are stored at the same time (each is its own durable file and row, idempotent on
    /// version and role, so the order between them carries no meaning): their fsyncs and rows overlap instead of
    /// queueing. The step is done only when both are; a failure of either fails the step and a retry stores again.
    /// </summary>
    private async Task StoreBothAsync(ReportVersion version, ArchiveRole pdfRole, byte[] pdf, byte[] xlsx, CancellationToken ct)
    {
        // Task.WhenAll rethrows the faults in the order of its tasks: the PDF's reason first, as before.
        await Task.WhenAll(
            archive.StoreAsync(version, pdfRole, pdf, ct),
            archive.StoreAsync(version, ArchiveRole.Workbook, xlsx, ct));
    }

    internal static string Reason(Exception ex) => ex switch
    {
        ReportingException r => $"[{r.Code}] {r.Message}",
        TransientReportingException t => $"[{t.Code}] {t.Message}",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
