using Reporting.Worker.Cli;

namespace Reporting.Worker.Bench;

/// <summary>
/// <c>bench clerk [--runs 5]</c>: our report (number, PDF + XLSX, signature, archive) against the clerk's route
/// (<see cref="ClerkRoute"/>: fill a .docx and an .xlsx, LibreOffice converts both to PDF), in turn in the same run.
/// Target: ours at least 2× faster (median).
/// </summary>
public sealed class BenchClerkVerb : IVerb
{
    public string Name => "bench clerk";

    public string Summary => "đo báo cáo của hệ thống so với cách làm tay (điền .docx/.xlsx, LibreOffice ra PDF)";

    public string Help => $"""
        bench clerk [--runs 5] [{ReportUnderTest.Options}]
          Đo xen kẽ --runs lần (sau một lần khởi động mỗi bên): (a) cách văn thư làm khi không có hệ thống: điền
          nội dung báo cáo vào .docx và số liệu vào .xlsx rồi 'libreoffice --headless --convert-to pdf' (hồ sơ
          LibreOffice riêng, đã khởi động một lần); (b) báo cáo của hệ thống (cấp số, PDF + XLSX, ký, lưu trữ).
          In trung vị và tỉ lệ a/b (mục tiêu ≥ 2). LibreOffice: /usr/bin/libreoffice (REPORTING_LIBREOFFICE).
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("runs", "kind", "period", "unit");
        var runs = Math.Max(1, args.GetInt("runs", 5));
        await context.Out.WriteLineAsync(BenchKit.MachineLine());
        await using var report = await ReportUnderTest.LoadAsync(context, args, cancellationToken);
        var html = await report.HtmlAsync();
        var work = Directory.CreateTempSubdirectory("reporting-bench-clerk-");
        try
        {
            var clerk = new ClerkRoute(work.FullName);
            await clerk.RunAsync(report.Model, html, 0, cancellationToken); // warms the private LibreOffice profile
            await report.IssueAsync(cancellationToken);

            var byHand = new List<double>();
            var ours = new List<double>();
            long clerkBytes = 0;
            for (var i = 1; i <= runs; i++)
            {
                byHand.Add(await BenchKit.SecondsAsync(async () => clerkBytes = await clerk.RunAsync(report.Model, html, i, cancellationToken)));
                ours.Add(await BenchKit.SecondsAsync(() => report.IssueAsync(cancellationToken)));
            }

            var ratio = BenchKit.Median(byHand) / BenchKit.Median(ours);
            await context.Out.WriteLineAsync($"báo cáo {report.Key}; {runs} lần đo; PDF của LibreOffice {clerkBytes / 1024} KiB");
            await context.Out.WriteLineAsync($"văn thư: .docx + .xlsx → LibreOffice PDF (cơ sở): trung vị {BenchKit.S(BenchKit.Median(byHand))}  (nhỏ nhất {BenchKit.S(byHand.Min())})");
            await context.Out.WriteLineAsync($"hệ thống: PDF + XLSX + ký + lưu trữ:            trung vị {BenchKit.S(BenchKit.Median(ours))}  (nhỏ nhất {BenchKit.S(ours.Min())})");
            await context.Out.WriteLineAsync($"nhanh hơn: {BenchKit.X(ratio)} (mục tiêu ≥ ×2.00: {(ratio >= 2 ? "đạt" : "CHƯA ĐẠT")})");
        }
        finally
        {
            work.Delete(recursive: true);
        }

        return 0;
    }
}
