using System.Diagnostics;
using System.Globalization;
using Reporting.Templates.Excel;
using Reporting.Templates.Model;
using Reporting.Templates.Samples;
using Reporting.Worker.Cli;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Bench;

/// <summary>
/// <c>bench excel [--rows 100000] [--list]</c>: peak resident memory (VmHWM) of a fresh worker process that writes a
/// report workbook with an overdue-dossier annex of --rows rows (the templates' streaming writer, as the render stage
/// does: model in, bytes out), next to the same process writing the workbook with no annex (the process floor).
/// The rows reach the model as a sequence produced while the sheet is written (as a reader of the extract would
/// give them); <c>--list</c> materialises them first in a list held by the model, to show what a caller holding
/// every row costs. Target: ≤ 250 MB at 100k rows. The child is this worker again (<c>--child</c>), so nothing else
/// is in its memory.
/// </summary>
public sealed class BenchExcelVerb : IVerb
{
    public string Name => "bench excel";

    public string Summary => "đo bộ nhớ đỉnh khi ghi phụ lục Excel 100 nghìn dòng hồ sơ quá hạn";

    public string Help => """
        bench excel [--rows 100000] [--list]
          Chạy một tiến trình con mới ghi sổ tính báo cáo kèm danh sách --rows hồ sơ quá hạn (ghi tuần tự từng dòng
          của mẫu biểu) và đọc VmHWM của nó; so với cùng tiến trình ghi sổ tính không có danh sách. Mục tiêu ≤ 250 MB.
          Mặc định các dòng được sinh dần khi ghi; --list tạo sẵn toàn bộ danh sách trong bộ nhớ trước khi ghi.
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("rows", "child", "list");
        var rows = Math.Max(0, args.GetInt("rows", 100_000));
        var list = args.Has("list");
        if (args.Has("child"))
        {
            return await ChildAsync(context, rows, list);
        }

        await context.Out.WriteLineAsync(BenchKit.MachineLine());
        var floor = await MeasureAsync(0, list, cancellationToken);
        var annex = await MeasureAsync(rows, list, cancellationToken);
        var how = list ? "danh sách tạo sẵn" : "sinh dần khi ghi";
        await context.Out.WriteLineAsync($"sổ tính không có danh sách (cơ sở):  RSS đỉnh {floor.PeakMb:0} MB, {floor.Seconds:0.00} s, {floor.Bytes / 1024} KiB");
        await context.Out.WriteLineAsync($"sổ tính + {Reporting.Templates.Formatting.VietnameseFormat.Number(rows)} dòng hồ sơ quá hạn ({how}): RSS đỉnh {annex.PeakMb:0} MB, {annex.Seconds:0.00} s, {annex.Bytes / 1024} KiB");
        await context.Out.WriteLineAsync($"phần tăng do danh sách: {annex.PeakMb - floor.PeakMb:0} MB (mục tiêu RSS đỉnh ≤ 250 MB: {(annex.PeakMb <= 250 ? "đạt" : "CHƯA ĐẠT")})");
        return 0;
    }

    private static async Task<(double PeakMb, double Seconds, long Bytes)> MeasureAsync(int rows, bool list, CancellationToken ct)
    {
        var (file, prefix) = BenchKit.Self();
        string[] arguments = [.. prefix, "bench", "excel", "--child", "--rows", rows.ToString(CultureInfo.InvariantCulture), .. list ? new[] { "--list" } : []];
        var output = await BenchKit.RunToolAsync(BenchKit.StartInfo(file, arguments), TimeSpan.FromMinutes(10), ct);
        var line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("peak-kb ", StringComparison.Ordinal))
            ?? throw new ReportingException(ErrorCodes.BenchToolFailed, $"Tiến trình con không báo bộ nhớ đỉnh: {output}");
        var parts = line.Split(' ');
        return (long.Parse(parts[1], CultureInfo.InvariantCulture) / 1024.0, double.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture));
    }

    /// <summary>In the child: build the rows, write the workbook, print "peak-kb KB SECONDS BYTES".</summary>
    private static async Task<int> ChildAsync(VerbContext context, int rows, bool list)
    {
        var model = SampleModels.DepartmentAnnual() with { OverdueDossiers = list ? Dossiers(rows).ToList() : Dossiers(rows) };
        var watch = Stopwatch.StartNew();
        var bytes = WorkbookWriter.Write(model);
        watch.Stop();
        var status = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kb = long.Parse(status.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"peak-kb {kb} {watch.Elapsed.TotalSeconds:0.000} {bytes.LongLength}"));
        return 0;
    }

    /// <summary>
    /// Realistic rows: unit, field and procedure names of the length the catalogue has, Vietnamese text. Produced
    /// as they are enumerated (the same rows each time).
    /// </summary>
    public static IEnumerable<OverdueDossier> Dossiers(int rows)
    {
        var day = new DateOnly(2026, 1, 5);
        for (var i = 0; i < rows; i++)
        {
            var received = day.AddDays(i % 300);
            var due = received.AddDays(10 + i % 20);
            yield return new OverdueDossier(
                $"000.{i % 97:00}.{i % 31:00}.H01-2601{i:00000000}",
                $"UBND xã Phú Hòa số {i % 102}",
                $"Lĩnh vực hộ tịch và chứng thực {i % 30}",
                $"Thủ tục đăng ký khai sinh kết hợp đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi ({i % 300})",
                received, due, i % 4 == 0 ? null : due.AddDays(1 + i % 40), 1 + i % 40);
        }
    }
}
