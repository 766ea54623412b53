using System.Globalization;
using Reporting.Templates.Model;
using Reporting.Worker.Calendar;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Tracking;

namespace Reporting.Worker.Cli;

public sealed class TrackingVerb : IVerb
{
    public string Name => "tracking";

    public string Summary => "đơn vị nào đã báo cáo, đơn vị nào trễ hạn";

    public string Help => """
        tracking --period P [--kind K] [--on YYYY-MM-DD]
          In bảng theo dõi của kỳ P: các đơn vị phải báo cáo (sở, ngành và xã; huyện chỉ với kỳ kết thúc trước
          01/07/2025), trạng thái (chưa có, dự thảo, chờ ký, đã ban hành, đã gửi), hạn và đơn vị trễ hạn.
          --kind   quarter | half | nine-months | annual | adhoc (mặc định: suy từ mã kỳ: 2026 → annual, 2026-Q3 → quarter)
          --on     tính trễ hạn đến ngày này (mặc định: hôm nay)
          Hạn theo lịch báo cáo Calendar:Deadlines (báo cáo năm của đơn vị: 05/12; báo cáo tổng hợp: 15/12;
          quý, 6 tháng, 9 tháng: ngày 17 và ngày 20 của tháng cuối kỳ).
          Trạng thái lấy từ các lần chạy báo cáo, kho lưu trữ và sổ gửi.
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("period", "kind", "on");
        var code = args.Require("period");
        var kind = args.Get("kind") is { } k ? Period.ParseKind(k) : KindOf(code);
        var now = DateTimeOffset.UtcNow;
        if (args.Get("on") is { } on)
        {
            now = DateOnly.TryParseExact(on, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? CivilTime.StartOf(day.AddDays(1)).AddTicks(-1)
                : throw new ReportingException(ErrorCodes.BadArguments, $"--on phải có dạng YYYY-MM-DD, nhận được '{on}'.");
        }

        var warehouse = await context.WarehouseAsync(cancellationToken);
        var services = TrackingServices.From(warehouse.DataSource, context.Configuration);
        var report = await services.Tracker.BuildAsync(kind, code, now, cancellationToken);
        await context.Out.WriteAsync(TrackingTable.Render(report));
        return 0;
    }

    /// <summary>The kind a period code implies: 2026 → annual, 2026-Q3 → quarter, 2026-H1 → half, 2026-9M → nine-months.</summary>
    public static ReportKind KindOf(string code) => code switch
    {
        _ when code.Contains("..", StringComparison.Ordinal) => ReportKind.Adhoc,
        _ when code.Contains("-Q", StringComparison.Ordinal) => ReportKind.Quarter,
        _ when code.EndsWith("-H1", StringComparison.Ordinal) => ReportKind.Half,
        _ when code.EndsWith("-9M", StringComparison.Ordinal) => ReportKind.NineMonths,
        _ => ReportKind.Annual,
    };
}
