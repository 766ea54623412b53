using Reporting.Worker.Cli;

namespace Reporting.Worker.Bench;

/// <summary>
/// <c>bench report [--runs 10]</c>: one report, number → PDF + XLSX → system signature → archive → issued, against a
/// bare Chromium print of the same HTML by the same (warm) printer, measured in turn in the same run. Target: our
/// report ≤ 1.3× the bare print (median of the runs, after one warm-up of each).
/// </summary>
public sealed class BenchReportVerb : IVerb
{
    public string Name => "bench report";

    public string Summary => "đo một báo cáo (PDF, XLSX, ký, lưu trữ) so với in Chromium trần cùng HTML";

    public string Help => $"""
        bench report [--runs 10] [{ReportUnderTest.Options}]
          Đọc mô hình báo cáo của đơn vị từ kho một lần, rồi đo xen kẽ --runs lần (sau một lần khởi động):
          (a) in Chromium trần đúng HTML đó; (b) báo cáo đầy đủ: cấp số, PDF + XLSX, ký hệ thống, lưu trữ.
          In trung vị và tỉ lệ b/a (mục tiêu ≤ 1,3). Ghi phiên bản vào CSDL: dùng CSDL nháp.
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("runs", "kind", "period", "unit");
        var runs = Math.Max(1, args.GetInt("runs", 10));
        await context.Out.WriteLineAsync(BenchKit.MachineLine());
        await using var report = await ReportUnderTest.LoadAsync(context, args, cancellationToken);
        var html = await report.HtmlAsync();

        // Warm-up: the browser launches, the signing key loads, the JIT settles.
        await report.PrintBareAsync(html, cancellationToken);
        var (pages, pdfBytes, xlsxBytes) = await report.IssueAsync(cancellationToken);

        var bare = new List<double>();
        var ours = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            bare.Add(await BenchKit.SecondsAsync(() => report.PrintBareAsync(html, cancellationToken)));
            ours.Add(await BenchKit.SecondsAsync(() => report.IssueAsync(cancellationToken)));
        }

        var ratio = BenchKit.Median(ours) / BenchKit.Median(bare);
        await context.Out.WriteLineAsync($"báo cáo {report.Key}: {pages} trang, PDF {pdfBytes / 1024} KiB, XLSX {xlsxBytes / 1024} KiB, {html.Count} phần HTML; {runs} lần đo");
        await context.Out.WriteLineAsync($"in Chromium trần (cơ sở):           trung vị {BenchKit.S(BenchKit.Median(bare))}  (nhỏ nhất {BenchKit.S(bare.Min())})");
        await context.Out.WriteLineAsync($"báo cáo đầy đủ (PDF+XLSX+ký+lưu):   trung vị {BenchKit.S(BenchKit.Median(ours))}  (nhỏ nhất {BenchKit.S(ours.Min())})");
        await context.Out.WriteLineAsync("trong báo cáo đầy đủ, trung bình mỗi lần (kể cả lần khởi động):");
        foreach (var (step, seconds, calls) in report.Steps.Totals)
        {
            await context.Out.WriteLineAsync($"  {step,-28} {BenchKit.S(seconds / calls)}");
        }

        var (htmlSeconds, xlsxSeconds, assembleSeconds) = await report.RenderPartsAsync(3, cancellationToken);
        await context.Out.WriteLineAsync($"  của kết xuất, ngoài Chromium: HTML (Razor) {BenchKit.S(htmlSeconds)}, XLSX {BenchKit.S(xlsxSeconds)}, ghi Info PDF {BenchKit.S(assembleSeconds)}");
        await context.Out.WriteLineAsync($"tỉ lệ: {BenchKit.X(ratio)} (mục tiêu ≤ ×1.30: {(ratio <= 1.3 ? "đạt" : "CHƯA ĐẠT")})");
        return 0;
    }
}
