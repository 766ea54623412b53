using System.Globalization;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Seed;

namespace Reporting.Worker.Cli;

public sealed class SeedVerb : IVerb
{
    public string Name => "seed";

    public string Summary => "tạo tỉnh tổng hợp (xác định theo --seed)";

    public string Help => """
        seed --dossiers N --seed S [--from YYYY] [--today YYYY-MM-DD] [--if-empty]
          Tạo tỉnh tổng hợp (Kiên Giang đến 30/6/2025, An Giang từ 1/7/2025): cơ quan, đơn vị theo thời gian,
          danh mục TTHC, N hồ sơ từ 01/01/YYYY (mặc định 2022) đến hôm nay, phản ánh kiến nghị, nhiệm vụ CCHC.
          Cùng S (và cùng --today) cho cùng dữ liệu. --today cố định "hôm nay" (mặc định: ngày giờ hiện tại).
          --if-empty: nếu kho đã có hồ sơ thì không làm gì. Xem docs/DATA.md.
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("dossiers", "seed", "from", "today", "if-empty");
        var dossiers = args.GetLong("dossiers", -1);
        if (dossiers < 0)
        {
            throw new ReportingException(ErrorCodes.BadArguments, "Thiếu tham số bắt buộc --dossiers (số hồ sơ, ≥ 0).");
        }

        args.Require("seed");
        var seed = (ulong)args.GetLong("seed", 0);
        var fromYear = args.GetInt("from", 2022);
        var now = DateTimeOffset.UtcNow;
        if (args.Get("today") is { } today)
        {
            if (!DateOnly.TryParseExact(today, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                throw new ReportingException(ErrorCodes.BadArguments, $"--today phải có dạng YYYY-MM-DD, nhận được '{today}'.");
            }

            // End of that civil day in Asia/Ho_Chi_Minh.
            now = new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.FromHours(7));
        }

        if (fromYear < 2000 || new DateOnly(fromYear, 1, 1) > DateOnly.FromDateTime(now.UtcDateTime))
        {
            throw new ReportingException(ErrorCodes.BadArguments, $"--from {fromYear} phải là một năm từ 2000 đến năm hiện tại.");
        }

        var warehouse = await context.WarehouseAsync(cancellationToken);
        var result = await new ProvinceSeeder(warehouse.DataSource, context.Error).SeedAsync(
            new SeedOptions(dossiers, seed, fromYear, now, args.Has("if-empty")), cancellationToken);
        if (result.Skipped)
        {
            await context.Out.WriteLineAsync("Kho dữ liệu đã có hồ sơ: không tạo thêm (--if-empty).");
            return 0;
        }

        var vi = CultureInfo.GetCultureInfo("vi-VN");
        await context.Out.WriteLineAsync(string.Create(vi,
            $"Đã tạo tỉnh tổng hợp (seed {seed}): {result.Agencies:N0} cơ quan, đơn vị; {result.Procedures:N0} TTHC; " +
            $"{result.Dossiers:N0} hồ sơ; {result.Events:N0} sự kiện hồ sơ; {result.Feedback:N0} phản ánh, kiến nghị; " +
            $"{result.PlanTasks:N0} nhiệm vụ CCHC."));
        await context.Out.WriteLineAsync(string.Create(vi,
            $"Thời gian {result.Elapsed.TotalSeconds:N1} giây; {result.RowsPerSecond:N0} dòng hồ sơ và sự kiện/giây."));
        return 0;
    }
}
