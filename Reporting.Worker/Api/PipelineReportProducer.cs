using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Api;

/// <summary>
/// Ad hoc reports made by the same pipeline as the periodic ones: extract (with the unit's inputs), a version and
/// its number, the official templates, the system seal (the ad hoc signing policy), the archive. The files the
/// API serves are the archived ones.
/// </summary>
public sealed class PipelineReportProducer(IReportDataSource data, ReportPipeline pipeline, IReportArchive archive) : IAdhocReportProducer
{
    public string Name => "pipeline";

    // The fingerprint is the extract's: the data read for it are kept with the request object, so that producing the
    // same request does not run the extract a second time. The product then shows exactly the data whose fingerprint
    // the reuse check looked up. Entries go with the request object (weak keys), also when the report is reused.
    private readonly ConditionalWeakTable<AdhocReportRequest, ReportData> _loaded = new();

    public async Task<string> FingerprintAsync(AdhocReportRequest request, CancellationToken cancellationToken)
    {
        var loaded = await data.LoadAsync(request.ToPipelineRequest(), cancellationToken);
        _loaded.AddOrUpdate(request, loaded);
        return loaded.Fingerprint;
    }

    public async Task<ProducedReport> ProduceAsync(AdhocReportRequest request, IAdhocProgress progress, CancellationToken cancellationToken)
    {
        await progress.ReportAsync(10, "đọc số liệu, dựng và ký báo cáo", cancellationToken);
        var loaded = _loaded.TryGetValue(request, out var d) ? d : null;
        _loaded.Remove(request);
        var result = await pipeline.RunAsync(request.ToPipelineRequest(), runId: null, loaded, cancellationToken);
        var version = result.Version;
        await progress.ReportAsync(90, "lấy tệp từ lưu trữ", cancellationToken);

        var files = new List<ProducedFile>();
        foreach (var format in request.Formats)
        {
            var (role, contentType) = format == "xlsx"
                ? (ArchiveRole.Workbook, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                : (ArchiveRole.IssuedPdf, "application/pdf");
            var content = await archive.ReadAsync(version, role, cancellationToken)
                ?? throw new InvalidOperationException($"Lưu trữ không có {role} của phiên bản {version.Id}.");
            files.Add(new ProducedFile(format, $"{version.FileStem}.{format}", contentType, content, null,
                Convert.ToHexStringLower(SHA256.HashData(content)), content.Length));
        }

        return new ProducedReport(version.Id, version.Fingerprint, files);
    }
}
