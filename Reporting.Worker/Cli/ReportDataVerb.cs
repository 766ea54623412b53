using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Reporting.Worker.Calendar;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Extract;
using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Cli;

/// <summary><c>report-data --kind annual --period 2026 --unit CODE [--as-of 2026-11-30] --json</c>: the model as JSON.</summary>
public sealed class ReportDataVerb : IVerb
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public string Name => "report-data";

    public string Summary => "mô hình báo cáo dưới dạng JSON";

    public string Help => """
        report-data --kind K --period P --unit U [--as-of YYYY-MM-DD] --json
          In mô hình báo cáo (số liệu đã kiểm tra cân đối) dưới dạng JSON ra stdout; dấu vân tay số liệu
          (SHA-256 của kết quả trích xuất) in ra stderr.
          --kind     quarter | half | nine-months | annual | adhoc
          --period   2026-Q3, 2026-H1, 2026-9M, 2026, hoặc 2026-01-01..2026-03-31
          --unit     mã đơn vị, hoặc province cho báo cáo tổng hợp của tỉnh
          --as-of    số liệu tính đến hết ngày này (mặc định: thời điểm chạy, hoặc Calendar:DataAsOf)
          --json     in JSON (bắt buộc; định dạng duy nhất hiện có)
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("kind", "period", "unit", "as-of", "json");
        if (!args.Has("json"))
        {
            throw new ReportingException(ErrorCodes.BadArguments, "Thiếu --json (định dạng duy nhất hiện có).");
        }

        var kind = Period.ParseKind(args.Require("kind"));
        var periodCode = args.Require("period");
        var unit = args.Require("unit");
        DateTimeOffset? asOf = null;
        if (args.Get("as-of") is { } asOfText)
        {
            asOf = DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? ReportWindow.EndOfDay(day)
                : throw new ReportingException(ErrorCodes.BadArguments, $"--as-of phải có dạng yyyy-MM-dd, nhận được '{asOfText}'.");
        }

        var warehouse = await context.WarehouseAsync(cancellationToken);
        var source = new WarehouseReportDataSource(warehouse.DataSource, CalendarOptions.From(context.Configuration), context.Configuration);
        var data = await source.LoadAsync(new ReportRequest(new ReportKey(kind, periodCode, unit), asOf), cancellationToken);
        // stdout is the model alone (scripts read it with jq); the data fingerprint goes to stderr as a note.
        await context.Out.WriteLineAsync(JsonSerializer.Serialize(data.Model, Json));
        await context.Error.WriteLineAsync($"# dấu vân tay số liệu (SHA-256): {data.Fingerprint}");
        return 0;
    }
}
