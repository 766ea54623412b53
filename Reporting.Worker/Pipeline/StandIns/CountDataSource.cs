using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Reporting.Templates.Model;
using Reporting.Worker.Calendar;
using Reporting.Worker.Database;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Pipeline.StandIns;

/// <summary>
/// STAND-IN for the extract stage (branch <c>extracts</c> replaces it): one count query over the dossiers a unit
/// decided in the window, mapped into a mostly empty model, with a real fingerprint over the counted data, so the
/// pipeline's idempotency and versioning behave as they will with the real extracts.
/// <c>StandIns:FailUnits</c> (comma-separated unit codes) makes those units' consistency check fail, to show and
/// test how a permanent failure ends a run while the cycle goes on.
/// </summary>
public sealed class CountDataSource(Warehouse warehouse, TimeProvider clock, IReadOnlySet<string>? failUnits = null) : IReportDataSource
{
    public const string TemplateVersion = "standin-1";

    public async Task<ReportData> LoadAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        var key = request.Key;
        if (failUnits?.Contains(key.UnitCode) == true)
        {
            throw new ReportingException("STANDIN_CHECK_FAILED", $"Kiểm tra nhất quán (bản tạm) thất bại cho đơn vị {key.UnitCode}.");
        }

        var period = Period.Parse(key.Kind, key.PeriodCode);
        var asOf = request.DataAsOf ?? clock.GetUtcNow();
        var end = asOf < period.End ? asOf : period.End;
        await using var c = await warehouse.OpenConnectionAsync(cancellationToken);
        var row = await c.QuerySingleAsync<Row>(new CommandDefinition(SqlFiles.Get("pipeline/standins/unit_count"),
            new { unit = key.UnitCode, start = period.Start.ToUniversalTime(), end = end.ToUniversalTime(), on = period.To }, cancellationToken: cancellationToken));
        var consolidated = key.UnitCode == ReportKey.Province;
        if (row.Code is null && !consolidated)
        {
            throw new ReportingException(ErrorCodes.UnknownUnit, $"Không có đơn vị '{key.UnitCode}' trong kho dữ liệu.");
        }

        var province = row.ProvinceName ?? "";
        var name = consolidated ? "Sở Nội vụ" : row.Name!;
        var figures = TthcFigures.Zero with { ReceivedOnline = row.Online, ReceivedDirect = row.Dossiers - row.Online };
        var table = new TthcTable("II.06a", "Kết quả giải quyết TTHC", consolidated ? "Đơn vị" : "Lĩnh vực", [], figures);
        var none = new Rate(0, 0, "", "");
        var model = new ReportModel(
            new DocumentHeader(
                new Issuer($"ỦY BAN NHÂN DÂN TỈNH {province.ToUpper(CultureInfo.GetCultureInfo("vi-VN"))}",
                    name.ToUpper(CultureInfo.GetCultureInfo("vi-VN")), consolidated ? "SNV" : row.Symbol ?? "UBND", province),
                null, CivilTime.DateOf(clock.GetUtcNow()), "BÁO CÁO", $"Kết quả công tác cải cách hành chính {period.Label}", ["Sở Nội vụ"]),
            new ReportPeriod(key.Kind, key.PeriodCode, period.Label, period.From, period.To, period.Rule, end),
            new ReportUnit(key.UnitCode, name, row.Level ?? "province", row.Kind ?? "province"),
            table,
            consolidated ? table : null,
            new ServiceFigures(0, 0, 0, none, none, none, none),
            new FeedbackFigures(0, 0, 0, 0),
            new PlanTaskFigures(0, 0, 0),
            null, [], [], [], DataQualityAnnex.Empty,
            new SignatureBlock([], "", []),
            TemplateVersion);

        var basis = string.Join('|', TemplateVersion, key.UnitCode, period.From, period.To, end.ToUnixTimeSeconds() >= period.End.ToUnixTimeSeconds() ? "end" : "asof",
            row.Dossiers, row.Online, row.Changed?.ToUniversalTime().Ticks ?? 0);
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(basis))).ToLowerInvariant();
        return new ReportData(model, fingerprint);
    }

    private sealed record Row(string? Code, string? Name, string? Level, string? Kind, string? Symbol, string? ProvinceName, long Dossiers, long Online, DateTime? Changed);
}
