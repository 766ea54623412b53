using System.Globalization;
using System.Text;
using Reporting.Worker.Deliver;

namespace Reporting.Worker.Tracking;

/// <summary>The tracking report as a plain-text table with Vietnamese headings (the CLI's output).</summary>
public static class TrackingTable
{
    private static readonly string[] Headings = ["Mã", "Đơn vị", "Trạng thái", "Số văn bản", "Ngày ban hành", "Ngày gửi", "Hạn", "Thiếu nhập liệu", "Trễ hạn"];

    public static string StateName(SubmissionState state) => state switch
    {
        SubmissionState.Draft => "Dự thảo",
        SubmissionState.AwaitingSignature => "Chờ ký",
        SubmissionState.Issued => "Đã ban hành",
        SubmissionState.Delivered => "Đã gửi",
        _ => "Chưa có",
    };

    public static string Render(TrackingReport report)
    {
        var rows = report.Units.Append(report.Consolidated).Select(Cells).ToList();
        var widths = Headings.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Theo dõi báo cáo {report.Period.Label} (kỳ {report.Period.Code}); hạn đơn vị gửi Sở Nội vụ: {VietnameseText.Short(report.UnitDueDate)}; hạn báo cáo tổng hợp: {VietnameseText.Short(report.Consolidated.DueDate)}; tính đến {VietnameseText.Short(report.AsOf)}.");
        text.AppendLine();
        text.AppendLine(Line(Headings, widths));
        text.AppendLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            text.AppendLine(Line(row, widths));
        }

        var units = report.Units;
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Tổng số đơn vị phải báo cáo: {units.Count}; dự thảo: {Count(units, SubmissionState.Draft)}; chờ ký: {Count(units, SubmissionState.AwaitingSignature)}; " +
            $"đã ban hành: {Count(units, SubmissionState.Issued)}; đã gửi: {Count(units, SubmissionState.Delivered)}; chưa có: {Count(units, SubmissionState.NotStarted)}; " +
            $"trễ hạn: {units.Count(u => u.Late)}; còn thiếu nhập liệu: {units.Count(u => !u.HasReported && u.MissingInputs.Count > 0)}.");
        return text.ToString();
    }

    private static int Count(IReadOnlyList<TrackingRow> rows, SubmissionState state) => rows.Count(r => r.Status.State == state);

    private static string[] Cells(TrackingRow row) =>
    [
        row.UnitCode,
        row.UnitName,
        StateName(row.Status.State) + (row.Status.Version is { } v ? $" (v{v})" : ""),
        row.Status.DocumentNumber ?? "",
        row.Status.IssueDate is { } issued ? VietnameseText.Short(issued) : "",
        row.Status.DeliveredAt is { } at ? VietnameseText.Short(at) : "",
        VietnameseText.Short(row.DueDate),
        row.MissingInputs.Count > 0 && !row.HasReported ? $"{row.MissingInputs.Count} mục" : "",
        row.Late ? "Trễ hạn" : "",
    ];

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
}
