using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Worker.Cli;
using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Bench;

/// <summary>
/// <c>bench cycle [--kind annual --period 2026]</c>: the full cycle of the province on the configured (scratch)
/// warehouse: every unit and the consolidated report, system-signed, archived, delivered to a loopback SMTP
/// capture. Prints the wall time, reports per minute and where the time went per stage. Target ≤ 60 s wall.
/// A cycle already issued is reused (idempotent): measure on a freshly seeded database.
/// </summary>
public sealed class BenchCycleVerb : IVerb
{
    public string Name => "bench cycle";

    public string Summary => "đo một chu kỳ báo cáo đầy đủ của tỉnh (ký, lưu trữ, gửi SMTP loopback)";

    public string Help => """
        bench cycle [--kind annual] [--period 2026] [--concurrency 2] [--smtp-script PATH]
          Chạy cả chu kỳ (mọi đơn vị rồi báo cáo tổng hợp; ký hệ thống; lưu trữ; gửi thư tới máy chủ SMTP
          loopback Reporting.Tests/Fixtures/smtp_server.py). In thời gian, số báo cáo/phút, số thư nhận được và
          thời gian theo giai đoạn. --concurrency: số đơn vị chạy đồng thời (Pipeline:UnitConcurrency).
          Chu kỳ đã phát hành thì không phát hành lại: dùng CSDL nháp mới gieo.
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("kind", "period", "concurrency", "smtp-script");
        var kind = args.Get("kind") ?? "annual";
        var period = args.Get("period") ?? "2026";
        await context.Out.WriteLineAsync(BenchKit.MachineLine());
        BenchKit.EnsureDevCertificates(context);
        var work = Directory.CreateTempSubdirectory("reporting-bench-cycle-");
        try
        {
            await using var smtp = await LoopbackSmtp.StartAsync(Path.Combine(work.FullName, "mail"), args.Get("smtp-script"), cancellationToken);
            var overrides = new Dictionary<string, string?>
            {
                ["Signing:Policy"] = "system",
                ["Delivery:SuperiorMailbox"] = "vanthu@sonoivu.angiang.example",
                ["Delivery:ProvinceMailbox"] = "vanthu@ubnd.angiang.example",
                ["Delivery:Smtp:Host"] = "127.0.0.1",
                ["Delivery:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
                ["Delivery:Smtp:Security"] = "None",
            };
            if (args.Get("concurrency") is { } c)
            {
                overrides["Pipeline:UnitConcurrency"] = c;
            }

            var configuration = BenchKit.Override(context.Configuration, overrides);
            var warehouse = await context.WarehouseAsync(cancellationToken);
            var clock = new StageClock();
            await using var services = clock.Wrap(new ServiceCollection()
                    .AddReportingStages(configuration, context.Settings, warehouse)
                    .AddReportingPipeline(configuration, context.Settings, warehouse))
                .BuildServiceProvider();
            var runner = services.GetRequiredService<CycleRunner>();

            var watch = Stopwatch.StartNew();
            var (cycle, outcomes) = await runner.RunAsync(kind, period, null, null, null, cancellationToken);
            var wall = watch.Elapsed.TotalSeconds;

            var issued = outcomes.Count(o => o.State == "issued");
            var failed = outcomes.Where(o => o.State == "failed").ToList();
            await context.Out.WriteLineAsync($"chu kỳ {cycle.Id} ({kind} {period}), {PipelineOptions.From(configuration).UnitConcurrency} đơn vị đồng thời: {outcomes.Count} báo cáo, {issued} phát hành, {failed.Count} lỗi, {smtp.Captured} thư SMTP nhận được");
            foreach (var f in failed.Take(5))
            {
                await context.Out.WriteLineAsync($"  lỗi {f.UnitCode}: {f.Reason}");
            }

            await context.Out.WriteLineAsync($"thời gian: {BenchKit.S(wall)} (mục tiêu ≤ 60 s: {(wall <= 60 ? "đạt" : "CHƯA ĐẠT")}); {BenchKit.F(outcomes.Count / wall * 60)} báo cáo/phút");
            await context.Out.WriteLineAsync("thời gian trong từng giai đoạn (cộng mọi báo cáo; chạy đồng thời thì tổng có thể vượt thời gian thực):");
            foreach (var (stage, seconds, calls) in clock.Totals)
            {
                await context.Out.WriteLineAsync($"  {stage,-28} {BenchKit.S(seconds),10}  {calls,4} lần  {BenchKit.F(seconds / wall * 100)}% thời gian thực");
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }

        return 0;
    }
}
