using System.Globalization;
using Dapper;
using Reporting.Worker.Database;

namespace Reporting.Worker.Cli;

public sealed class SummaryVerb : IVerb
{
    public string Name => "summary";

    public string Summary => "tóm tắt kho dữ liệu của tỉnh";

    public string Help => """
        summary [--before YYYY-MM-DD] [--after YYYY-MM-DD]
          In bảng tóm tắt: số đơn vị theo cấp trước và sau sắp xếp (mặc định 30/6/2025 và hôm nay), số hồ sơ theo
          năm và kênh nộp, tỷ lệ trực tuyến, tỷ lệ trễ hạn (trên số hồ sơ đã giải quyết), hồ sơ đang giải quyết.
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("before", "after");
        var before = ParseDate(args.Get("before")) ?? new DateTime(2025, 6, 30);
        var after = ParseDate(args.Get("after")) ?? Calendar.CivilTime.DateOf(DateTimeOffset.UtcNow).ToDateTime(TimeOnly.MinValue);
        var warehouse = await context.WarehouseAsync(cancellationToken);
        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken);
        var units = (await connection.QueryAsync<(string Level, string Kind, long Before, long After)>(
            new CommandDefinition(SqlFiles.Get("queries/summary_units"), new { before, after }, cancellationToken: cancellationToken))).ToList();
        var years = (await connection.QueryAsync<YearRow>(
            new CommandDefinition(SqlFiles.Get("queries/summary_dossiers"), cancellationToken: cancellationToken))).ToList();

        var o = context.Out;
        await o.WriteLineAsync($"Đơn vị theo cấp (ngày {before:dd/MM/yyyy} và ngày {after:dd/MM/yyyy})");
        var unitTable = new List<string[]> { new[] { "Cấp", "Loại", $"{before:dd/MM/yyyy}", $"{after:dd/MM/yyyy}" } };
        unitTable.AddRange(units.Select(u => new[] { LevelName(u.Level), KindName(u.Kind), Number(u.Before), Number(u.After) }));
        unitTable.Add(["Tổng", "", Number(units.Sum(u => u.Before)), Number(units.Sum(u => u.After))]);
        await WriteTableAsync(o, unitTable);
        await o.WriteLineAsync();
        await o.WriteLineAsync("Hồ sơ theo năm tiếp nhận và kênh nộp");
        var table = new List<string[]>
        {
            new[] { "Năm", "Tổng số", "Trực tiếp", "Trực tuyến", "Bưu chính", "Tỷ lệ trực tuyến", "Đã giải quyết", "Trễ hạn", "Tỷ lệ trễ hạn", "Đang giải quyết", "Quá hạn" },
        };
        table.AddRange(years.Select(y => Row(y.Year.ToString(CultureInfo.InvariantCulture), y)));
        if (years.Count > 0)
        {
            var t = new YearRow
            {
                Total = years.Sum(y => y.Total), Direct = years.Sum(y => y.Direct), Online = years.Sum(y => y.Online),
                Postal = years.Sum(y => y.Postal), Resolved = years.Sum(y => y.Resolved), Late = years.Sum(y => y.Late),
                InProgress = years.Sum(y => y.InProgress), Overdue = years.Sum(y => y.Overdue),
            };
            table.Add(Row("Tổng", t));
        }

        await WriteTableAsync(o, table);
        await o.WriteLineAsync("Tỷ lệ trễ hạn = trễ hạn / đã giải quyết; quá hạn = đang giải quyết và đã qua ngày hẹn trả (tính đến hiện tại).");
        return 0;
    }

    private static string[] Row(string label, YearRow y) =>
    [
        label, Number(y.Total), Number(y.Direct), Number(y.Online), Number(y.Postal), Percent(y.Online, y.Total),
        Number(y.Resolved), Number(y.Late), Percent(y.Late, y.Resolved), Number(y.InProgress), Number(y.Overdue),
    ];

    private static DateTime? ParseDate(string? s) =>
        s is null ? null : DateTime.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>44.292: dot as thousands separator.</summary>
    internal static string Number(long n) => n.ToString("#,0", Vietnamese);

    /// <summary>88,04%: comma decimal, two places, no space before %.</summary>
    internal static string Percent(long part, long whole) =>
        whole == 0 ? "–" : (100.0 * part / whole).ToString("0.00", Vietnamese) + "%";

    private static readonly NumberFormatInfo Vietnamese = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = ",", NumberGroupSizes = [3] };

    private static string LevelName(string level) => level switch
    {
        "province" => "Tỉnh",
        "district" => "Huyện",
        "commune" => "Xã",
        _ => level,
    };

    private static string KindName(string kind) => kind switch
    {
        "province" => "UBND tỉnh",
        "department" => "Sở, ban, ngành",
        "one_stop_centre" => "Trung tâm PVHCC",
        "district" => "UBND huyện",
        "commune" => "UBND xã, phường, đặc khu",
        _ => kind,
    };

    private static async Task WriteTableAsync(TextWriter o, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = rows[i].Select((v, c) => c < 2 && rows[0].Length == 4 || c == 0 ? v.PadRight(widths[c]) : v.PadLeft(widths[c]));
            await o.WriteLineAsync("  " + string.Join("  ", cells));
            if (i == 0)
            {
                await o.WriteLineAsync("  " + string.Join("  ", widths.Select(w => new string('-', w))));
            }
        }
    }

    private sealed class YearRow
    {
        public int Year { get; init; }
        public long Total { get; init; }
        public long Direct { get; init; }
        public long Online { get; init; }
        public long Postal { get; init; }
        public long Resolved { get; init; }
        public long Late { get; init; }
        public long InProgress { get; init; }
        public long Overdue { get; init; }
    }
}
