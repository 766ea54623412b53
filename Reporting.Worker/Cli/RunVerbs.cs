using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Worker.Database;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Cli;

public sealed class RunVerb : IVerb
{
    public string Name => "run";

    public string Summary => "chạy toàn bộ quy trình một kỳ báo cáo";

    public string Help => """
        run --kind K --period P [--unit U] [--as-of YYYY-MM-DD]
          Chạy đồng bộ, không cần máy chủ, cùng quy trình với Hangfire: trích số liệu → cấp số → kết xuất → ký
          (chính sách system) hoặc dừng chờ ký (official) → lưu trữ → gửi. Không có --unit: mọi đơn vị rồi báo
          cáo tổng hợp (unit 'province'). Chạy lại cùng kỳ tiếp tục chu kỳ đó; số liệu không đổi thì không tạo
          phiên bản mới. --as-of: số liệu tính đến hết ngày đó (giờ Việt Nam).
          Chính sách ký: Signing:Policy (REPORTING_Signing__Policy=system) hoặc Signing:Policies:<kind>.
        """;

    /// <summary>
    /// Reports issued with sends left over (<c>DELIVERY_PENDING</c>: the mail server away, or an e-mail still leased by
    /// a worker that died) are sent here before the verb ends, as the retry job of <c>serve</c> would: after each of
    /// <c>Pipeline:RetryDelaysSeconds</c> the due rows of the ledger are worked (each row once, under its lease),
    /// until none of these reports has a send left. What is still left after the last delay stays in the ledger for
    /// <c>delivery run</c> or <c>serve</c>; the reports themselves are issued and archived either way.
    /// </summary>
    private static async Task FinishDeliveriesAsync(VerbContext context, IServiceProvider services, IReadOnlyList<RunOutcome> outcomes, CancellationToken ct)
    {
        if (services.GetService<IReportDelivery>() is not Deliver.ReportDelivery delivery)
        {
            return;
        }

        var waiting = outcomes
            .Where(o => o.Version is not null && o.Reason is { } r && r.StartsWith($"[{ErrorCodes.DeliveryPending}]", StringComparison.Ordinal))
            .Select(o => o.Version!.Id).ToList();
        if (waiting.Count == 0)
        {
            return;
        }

        async Task<int> LeftAsync()
        {
            var left = 0;
            foreach (var id in waiting)
            {
                left += (await delivery.CountsAsync(id, ct)).Pending;
            }

            return left;
        }

        foreach (var delay in services.GetRequiredService<PipelineOptions>().RetryDelays)
        {
            var left = await LeftAsync();
            if (left == 0)
            {
                break;
            }

            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Còn {left} lần gửi chưa xong của {waiting.Count} báo cáo đã ban hành; thử gửi lại sau {delay.TotalSeconds:0} s."));
            await Task.Delay(delay, ct);
            await delivery.RunDueAsync(ct);
        }

        var still = await LeftAsync();
        await context.Out.WriteLineAsync(still > 0
            ? $"Còn {still} lần gửi chưa xong: ghi trong sổ gửi, 'delivery run' hoặc 'serve' sẽ gửi tiếp (mỗi nơi nhận đúng một lần)."
            : "Đã gửi xong các lần gửi còn lại.");
    }

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("kind", "period", "unit", "as-of");
        var kind = args.Require("kind");
        var period = args.Require("period");
        DateTimeOffset? asOf = null;
        if (args.Get("as-of") is { } text)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                throw new ReportingException(ErrorCodes.BadArguments, $"--as-of phải có dạng YYYY-MM-DD, nhận được '{text}'.");
            }

            asOf = Calendar.CivilTime.StartOf(day.AddDays(1));
        }

        var warehouse = await context.WarehouseAsync(cancellationToken);
        await using var services = StageServices.BuildPipeline(context.Configuration, context.Settings, warehouse);
        var runner = services.GetRequiredService<CycleRunner>();
        var watch = Stopwatch.StartNew();
        var (cycle, outcomes) = await runner.RunAsync(kind, period, args.Get("unit"), asOf,
            o => context.Out.WriteLine(Describe(o)), cancellationToken);
        await FinishDeliveriesAsync(context, services, outcomes, cancellationToken);
        watch.Stop();
        await ExportAsync(services.GetRequiredService<IReportArchive>(), outcomes, context.Settings.OutputDirectory, cancellationToken);
        var failed = outcomes.Count(o => o.State == "failed");
        var pending = outcomes.Count(o => o.State == "pending");
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Chu kỳ {cycle.Id} ({kind} {period}): {outcomes.Count} báo cáo, {failed} lỗi, {pending} chờ chạy lại, {watch.Elapsed.TotalSeconds:0.0} s. Kết quả: {Path.Combine(context.Settings.OutputDirectory, period)}/<đơn vị>/"));
        if (failed + pending > 0)
        {
            throw new ReportingException(ErrorCodes.RunsIncomplete, $"{failed + pending} báo cáo chưa xong ({failed} lỗi, {pending} chờ chạy lại); xem 'runs show {cycle.Id}'.");
        }

        return 0;
    }

    /// <summary>
    /// Copies what the archive holds for each version to out/&lt;period&gt;/&lt;unit&gt;/&lt;stem&gt;.pdf|xlsx (design.md),
    /// so a clerk finds the files of a CLI run without the archive verbs; a draft awaiting signature is
    /// &lt;stem&gt;.draft.pdf. The archive stays the record; these are copies.
    /// </summary>
    private static async Task ExportAsync(IReportArchive archive, IEnumerable<RunOutcome> outcomes, string outputDirectory, CancellationToken ct)
    {
        foreach (var v in outcomes.Select(o => o.Version).OfType<ReportVersion>())
        {
            var dir = Path.Combine(outputDirectory, v.Key.PeriodCode, v.Key.UnitCode);
            var issued = await archive.ReadAsync(v, ArchiveRole.IssuedPdf, ct);
            var pdf = issued ?? await archive.ReadAsync(v, ArchiveRole.DraftPdf, ct);
            var xlsx = await archive.ReadAsync(v, ArchiveRole.Workbook, ct);
            if (pdf is null && xlsx is null)
            {
                continue;
            }

            Directory.CreateDirectory(dir);
            if (pdf is not null)
            {
                await File.WriteAllBytesAsync(Path.Combine(dir, v.FileStem + (issued is null ? ".draft.pdf" : ".pdf")), pdf, ct);
            }

            if (xlsx is not null)
            {
                await File.WriteAllBytesAsync(Path.Combine(dir, v.FileStem + ".xlsx"), xlsx, ct);
            }
        }
    }

    private static string Describe(RunOutcome o) => o.Version is { } v
        ? $"  {o.UnitCode,-16} {o.State,-20} Số: {v.DocumentNumberText} v{v.Version}{(o.Reason is { } note ? "  " + note : "")}"
        : $"  {o.UnitCode,-16} {o.State,-20} {o.Reason}";
}

public sealed class RunsListVerb : IVerb
{
    public string Name => "runs list";

    public string Summary => "lịch sử các lần chạy";

    public string Help => "runs list [--period P]\n  Các chu kỳ báo cáo (mới nhất trước) với số báo cáo xong, lỗi, chờ ký.";

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("period");
        var warehouse = await context.WarehouseAsync(cancellationToken);
        await using var c = await warehouse.OpenConnectionAsync(cancellationToken);
        var rows = await c.QueryAsync<CycleLine>(new CommandDefinition(SqlFiles.Get("queries/runs_list"), new { period = args.Get("period") }, cancellationToken: cancellationToken));
        await context.Out.WriteLineAsync("id    loại         kỳ           trạng thái  xong/tổng  lỗi  chờ ký  bắt đầu");
        foreach (var r in rows)
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{r.Id,-5} {r.Kind,-12} {r.Period,-12} {r.State,-11} {r.Done,4}/{r.Total,-4}  {r.Failed,3}  {r.Awaiting,6}  {Calendar.CivilTime.ToLocal(r.StartedAt):yyyy-MM-dd HH:mm:ss}"));
        }

        return 0;
    }

    private sealed record CycleLine(long Id, string Kind, string Period, string State, string Trigger, DateTime StartedAt, DateTime? FinishedAt, long Total, long Done, long Failed, long Awaiting);
}

public sealed class RunsShowVerb : IVerb
{
    public string Name => "runs show";

    public string Summary => "chi tiết một lần chạy";

    public string Help => "runs show ID\n  Từng đơn vị của chu kỳ ID: trạng thái, lý do lỗi, số lần thử, thời gian, số văn bản.";

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly();
        if (args.Positionals.Count != 1 || !long.TryParse(args.Positionals[0], CultureInfo.InvariantCulture, out var id))
        {
            throw new ReportingException(ErrorCodes.BadArguments, "Cần đúng một mã chu kỳ: runs show ID.");
        }

        var warehouse = await context.WarehouseAsync(cancellationToken);
        await using var c = await warehouse.OpenConnectionAsync(cancellationToken);
        var rows = (await c.QueryAsync<RunLine>(new CommandDefinition(SqlFiles.Get("queries/runs_show"), new { cycle_id = id }, cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            throw new ReportingException(ErrorCodes.RunUnknown, $"Không có chu kỳ {id} (xem 'runs list').");
        }

        await context.Out.WriteLineAsync("đơn vị           trạng thái          lần  số văn bản     thời gian   lý do");
        foreach (var r in rows)
        {
            var number = r.DocumentNumber is int n ? $"{n:00}/{r.DocumentSymbol} v{r.Version}" : "-";
            var took = r.StartedAt is { } s && r.FinishedAt is { } f ? string.Create(CultureInfo.InvariantCulture, $"{(f - s).TotalSeconds:0.0} s") : "-";
            await context.Out.WriteLineAsync($"{r.UnitCode,-16} {r.State,-19} {r.Attempts,3}  {number,-14} {took,-10}  {r.Reason}");
        }

        return 0;
    }

    private sealed record RunLine(string UnitCode, string State, string? Reason, int Attempts, DateTime? StartedAt, DateTime? FinishedAt, int? Version, int? DocumentNumber, string? DocumentSymbol, string? VersionState);
}
