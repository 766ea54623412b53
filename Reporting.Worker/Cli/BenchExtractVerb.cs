using System.Diagnostics;
using System.Globalization;
using Dapper;
using Reporting.Templates.Model;
using Reporting.Worker.Calendar;
using Reporting.Worker.Database;
using Reporting.Worker.Extract;

namespace Reporting.Worker.Cli;

/// <summary>
/// <c>bench extract --period 2026 [--as-of D] [--repeat 5]</c>: times the annual province extract (every extract of
/// the report, this year and last, consistency checks; the rollup refreshed beforehand) next to a bare count of the
/// window's dossiers and to the all-live path. Prints medians; the ratio is the figure (docs/BENCHMARKS.md).
/// </summary>
public sealed class BenchExtractVerb : IVerb
{
    public string Name => "bench extract";

    public string Summary => "đo thời gian trích xuất số liệu năm của cả tỉnh so với một phép đếm";

    public string Help => """
        bench extract --period 2026 [--as-of YYYY-MM-DD] [--repeat 5]
          Làm mới bảng tổng hợp tháng, rồi đo (trung vị của --repeat lần): đếm hồ sơ tiếp nhận trong kỳ;
          toàn bộ trích xuất báo cáo năm của tỉnh (đường tổng hợp tháng); đường đọc trực tiếp.
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("period", "as-of", "repeat");
        var period = Period.Parse(ReportKind.Annual, args.Require("period"));
        DateTimeOffset? asOf = args.Get("as-of") is { } d
            ? ReportWindow.EndOfDay(DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture))
            : null;
        var repeat = Math.Max(1, args.GetInt("repeat", 5));
        var now = DateTimeOffset.UtcNow;
        var window = ReportWindow.For(period, asOf is { } a && a < now ? a : null, now);
        var warehouse = await context.WarehouseAsync(cancellationToken);
        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken);

        var watch = Stopwatch.StartNew();
        var months = await TthcExtract.RefreshRollupAsync(connection, cancellationToken);
        await context.Out.WriteLineAsync($"refresh: {months} tháng, {watch.Elapsed.TotalSeconds:0.000} s");
        var directory = await AgencyDirectory.LoadAsync(connection, cancellationToken);

        async Task<double> Median(Func<Task> action)
        {
            await action(); // warm
            var times = new List<double>();
            for (var i = 0; i < repeat; i++)
            {
                var w = Stopwatch.StartNew();
                await action();
                times.Add(w.Elapsed.TotalSeconds);
            }

            return times.Order().ElementAt(times.Count / 2);
        }

        long count = 0;
        var bare = await Median(async () => count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            SqlFiles.Get("queries/bench_count_window"), new { start = window.Start.ToUniversalTime(), end = window.End.ToUniversalTime() },
            commandTimeout: 3600, cancellationToken: cancellationToken)));
        var extract = await Median(() => ExtractRunner.RunAsync(warehouse.DataSource, directory, Pipeline.ReportKey.Province, window, cancellationToken));
        var live = await Median(() => TthcExtract.LiveAsync(connection, window, null, cancellationToken));

        await context.Out.WriteLineAsync($"cửa sổ {window.Start:yyyy-MM-dd HH:mm zzz} .. {window.End:yyyy-MM-dd HH:mm zzz}; {count} hồ sơ tiếp nhận trong kỳ");
        await context.Out.WriteLineAsync($"count(*) trong kỳ:                 {bare:0.000} s");
        await context.Out.WriteLineAsync($"trích xuất năm của tỉnh (đầy đủ): {extract:0.000} s  (x{extract / bare:0.0})");
        await context.Out.WriteLineAsync($"biểu TTHC, đọc trực tiếp:          {live:0.000} s  (x{live / bare:0.0})");
        return 0;
    }
}
