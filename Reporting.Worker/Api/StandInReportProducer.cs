using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ClosedXML.Excel;
using Dapper;
using Microsoft.Extensions.Options;
using Reporting.Worker.Calendar;
using Reporting.Worker.Database;

namespace Reporting.Worker.Api;

/// <summary>
/// STAND-IN producer, to be replaced by the real pipeline: the fingerprint comes from a count query over the
/// unit's dossiers in the window, the PDF is a hand-written one-pager (<see cref="StandInPdf"/>) and the workbook a
/// one-sheet ClosedXML file with the same counts. Enough to run the API end to end; not a report anyone files.
/// </summary>
public sealed class StandInReportProducer(Warehouse warehouse, IOptions<ApiOptions> options) : IAdhocReportProducer
{
    public string Name => "stand-in";

    public async Task<string> FingerprintAsync(AdhocReportRequest request, CancellationToken cancellationToken)
    {
        var counts = await CountAsync(request, cancellationToken);
        return Fingerprint(request, counts);
    }

    public async Task<ProducedReport> ProduceAsync(AdhocReportRequest request, IAdhocProgress progress, CancellationToken cancellationToken)
    {
        await Step(progress, 10, "đọc số liệu", cancellationToken);
        var counts = await CountAsync(request, cancellationToken);
        var fingerprint = Fingerprint(request, counts);
        var stem = $"{request.Key.PeriodCode}_{request.Key.UnitCode}_{Period.KindName(request.Key.Kind)}";
        var files = new List<ProducedFile>();

        if (request.Formats.Contains("pdf"))
        {
            await Step(progress, 40, "kết xuất PDF", cancellationToken);
            files.Add(File("pdf", stem, "application/pdf", StandInPdf.Write(Lines(request, counts, fingerprint))));
        }

        if (request.Formats.Contains("xlsx"))
        {
            await Step(progress, 70, "kết xuất Excel", cancellationToken);
            files.Add(File("xlsx", stem, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Workbook(request, counts, fingerprint)));
        }

        await Step(progress, 90, "lưu kết quả", cancellationToken);
        return new ProducedReport(null, fingerprint, files);
    }

    private async Task Step(IAdhocProgress progress, int percent, string stage, CancellationToken cancellationToken)
    {
        await progress.ReportAsync(percent, stage, cancellationToken);
        if (options.Value.StandInStepDelayMilliseconds > 0)
        {
            await Task.Delay(options.Value.StandInStepDelayMilliseconds, cancellationToken);
        }
    }

    private async Task<Counts> CountAsync(AdhocReportRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<Counts>(new CommandDefinition(SqlFiles.Get("queries/api/standin_fingerprint"), new
        {
            unit_id = (int)request.UnitId,
            on = request.To,
            start = CivilTime.StartOf(request.From).ToUniversalTime(),
            end = CivilTime.StartOf(request.To.AddDays(1)).ToUniversalTime(),
            field_codes = request.FieldCodes?.ToArray(),
        }, cancellationToken: cancellationToken));
    }

    private static string Fingerprint(AdhocReportRequest request, Counts counts)
    {
        var text = string.Join('\n', "stand-in", request.Key.ToString(), request.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            request.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), string.Join(',', request.FieldCodes ?? ["*"]),
            counts.Dossiers.ToString(CultureInfo.InvariantCulture), counts.Resolved.ToString(CultureInfo.InvariantCulture), counts.LastUpdate);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static List<string> Lines(AdhocReportRequest request, Counts counts, string fingerprint) =>
    [
        "BÁO CÁO ĐỘT XUẤT (BẢN THAY THẾ - STAND-IN)",
        $"Đơn vị: {request.Key.UnitCode}",
        $"Kỳ: {request.Key.PeriodCode} ({Period.KindName(request.Key.Kind)})",
        $"Từ ngày {request.From:dd/MM/yyyy} đến ngày {request.To:dd/MM/yyyy}",
        $"Lĩnh vực: {(request.FieldCodes is null ? "tất cả" : string.Join(", ", request.FieldCodes))}",
        $"Số hồ sơ tiếp nhận: {counts.Dossiers}",
        $"Số hồ sơ đã giải quyết: {counts.Resolved}",
        $"Dấu vân tay dữ liệu: {fingerprint[..16]}",
    ];

    private static byte[] Workbook(AdhocReportRequest request, Counts counts, string fingerprint)
    {
        using var book = new XLWorkbook();
        var sheet = book.AddWorksheet("Báo cáo");
        sheet.Cell(1, 1).Value = "Báo cáo đột xuất (bản thay thế - stand-in)";
        sheet.Cell(2, 1).Value = "Đơn vị";
        sheet.Cell(2, 2).Value = request.Key.UnitCode;
        sheet.Cell(3, 1).Value = "Kỳ";
        sheet.Cell(3, 2).Value = request.Key.PeriodCode;
        sheet.Cell(4, 1).Value = "Số hồ sơ tiếp nhận";
        sheet.Cell(4, 2).Value = counts.Dossiers;
        sheet.Cell(5, 1).Value = "Số hồ sơ đã giải quyết";
        sheet.Cell(5, 2).Value = counts.Resolved;
        sheet.Cell(6, 1).Value = "Dấu vân tay dữ liệu";
        sheet.Cell(6, 2).Value = fingerprint;
        sheet.Column(1).Width = 30; // never AdjustToContents on Linux (brief)
        sheet.Column(2).Width = 70;
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    private static ProducedFile File(string format, string stem, string contentType, byte[] bytes) =>
        new(format, $"{stem}.{format}", contentType, bytes, null, Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length);

    private sealed class Counts
    {
        public long Dossiers { get; init; }

        public long Resolved { get; init; }

        public string LastUpdate { get; init; } = "";
    }
}
