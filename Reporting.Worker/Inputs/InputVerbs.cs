using Dapper;
using Reporting.Templates.Model;
using Reporting.Worker.Calendar;
using Reporting.Worker.Cli;
using Reporting.Worker.Database;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Inputs;

/// <summary>Shared bits of the "inputs ..." verbs.</summary>
internal static class InputVerbSupport
{
    /// <summary>--unit, --period and --kind; the kind may be left out when the period code implies it
    /// (design.md: "inputs show --unit U --period P").</summary>
    public static UnitInputKey Key(CliArgs args)
    {
        var period = args.Require("period");
        return UnitInputKey.Create(args.Require("unit"), Kind(args, period), period);
    }

    public static ReportKind Kind(CliArgs args, string period) => args.Get("kind") is { } kind
        ? Period.ParseKind(kind)
        : period switch
        {
            _ when period.Contains("..", StringComparison.Ordinal) => ReportKind.Adhoc,
            _ when period.EndsWith("-H1", StringComparison.Ordinal) => ReportKind.Half,
            _ when period.EndsWith("-9M", StringComparison.Ordinal) => ReportKind.NineMonths,
            _ when period.Contains("-Q", StringComparison.Ordinal) => ReportKind.Quarter,
            _ => ReportKind.Annual,
        };

    public static async Task<string> UnitNameAsync(Warehouse warehouse, string unitCode, CancellationToken cancellationToken)
    {
        if (unitCode == Pipeline.ReportKey.Province)
        {
            return "Sở Nội vụ (báo cáo tổng hợp của tỉnh)";
        }

        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(SqlFiles.Get("inputs/unit_name"),
            new { unit_code = unitCode }, cancellationToken: cancellationToken))
            ?? throw new ReportingException(ErrorCodes.UnknownUnit, $"Không có đơn vị mã '{unitCode}'.");
    }

    public static async Task PrintErrorsAsync(TextWriter output, IReadOnlyList<InputError> errors)
    {
        foreach (var error in errors)
        {
            await output.WriteLineAsync($"  {error}");
        }
    }
}

public sealed class InputsShowVerb : IVerb
{
    public string Name => "inputs show";

    public string Summary => "xem nhập liệu của đơn vị";

    public string Help => """
        inputs show --unit U --period P [--kind K]
          In giá trị hiện tại của từng trường (người nhập cuối, thời điểm) và các trường bắt buộc còn thiếu.
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("unit", "kind", "period");
        var key = InputVerbSupport.Key(args);
        var warehouse = await context.WarehouseAsync(cancellationToken);
        var current = (await UnitInputStore.For(warehouse).CurrentAsync(key, cancellationToken)).ToDictionary(c => c.FieldCode, StringComparer.Ordinal);
        var definition = InputDefinitions.For(key.Kind);
        await context.Out.WriteLineAsync($"Nhập liệu {key} (mẫu {definition.Version}):");
        foreach (var field in definition.Fields)
        {
            var mark = field.IsRequired(key.Kind) ? "*" : " ";
            if (current.TryGetValue(field.Code, out var input))
            {
                var shown = field.IsNarrative ? Shorten(input.Value) : InputFormat.Display(field, input.Value);
                await context.Out.WriteLineAsync($"{mark} {field.Code,-26} {field.Label}: {shown}  [{input.UpdatedBy}, {CivilTime.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(input.UpdatedAt, DateTimeKind.Utc))):dd/MM/yyyy HH:mm}]");
            }
            else
            {
                await context.Out.WriteLineAsync($"{mark} {field.Code,-26} {field.Label}: (chưa nhập)");
            }
        }

        var readiness = InputReadinessService.Evaluate(key, current.Keys);
        await context.Out.WriteLineAsync(readiness.IsReady ? "Đủ các nội dung bắt buộc (*)." : $"Còn thiếu (bắt buộc): {readiness.MissingText}");
        return 0;
    }

    private static string Shorten(string text)
    {
        var flat = text.Replace('\n', '⏎');
        return flat.Length <= 90 ? flat : flat[..89] + "…";
    }
}

public sealed class InputsSetVerb : IVerb
{
    public string Name => "inputs set";

    public string Summary => "đặt (hoặc xóa) một trường nhập liệu của đơn vị";

    public string Help => """
        inputs set --unit U --period P [--kind K] --field CODE --value TEXT --author NAME
          Đặt giá trị một trường (cùng quy tắc kiểm tra như trang nhập liệu); --value "" xóa giá trị.
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("unit", "kind", "period", "field", "value", "author");
        var key = InputVerbSupport.Key(args);
        var field = args.Require("field");
        var value = args.Has("value") ? args.Get("value") : throw new ReportingException(ErrorCodes.BadArguments, "Thiếu tham số bắt buộc --value.");
        var warehouse = await context.WarehouseAsync(cancellationToken);
        var outcome = await UnitInputStore.For(warehouse).SaveAsync(key, new Dictionary<string, string?> { [field] = value },
            args.Require("author"), InputAction.Edit, cancellationToken);
        if (!outcome.Accepted)
        {
            throw new ReportingException(outcome.Errors[0].Code, outcome.Errors[0].Message);
        }

        await context.Out.WriteLineAsync(outcome.Changed.Count > 0 ? $"Đã lưu {field} của {key}." : $"{field} của {key} không thay đổi.");
        return 0;
    }
}

public sealed class InputsCopyForwardVerb : IVerb
{
    public string Name => "inputs copy-forward";

    public string Summary => "sao chép nhập liệu kỳ trước làm điểm xuất phát";

    public string Help => """
        inputs copy-forward --unit U --period P [--kind K] --author NAME
          Điền các trường còn trống của kỳ P từ kỳ gần nhất trước đó cùng loại có nhập liệu (chỉ các trường được phép
          chuyển kỳ: nội dung viết, kế hoạch, biên chế, ...); không ghi đè giá trị đã có. Ghi lịch sử kèm người thực hiện.
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("unit", "kind", "period", "author");
        var key = InputVerbSupport.Key(args);
        var warehouse = await context.WarehouseAsync(cancellationToken);
        var outcome = await UnitInputStore.For(warehouse).CopyForwardAsync(key, args.Require("author"), cancellationToken);
        await context.Out.WriteLineAsync($"Đã sao chép {outcome.Copied.Count} trường từ kỳ {outcome.FromPeriod} sang {key}.");
        return 0;
    }
}

public sealed class InputsDefinitionVerb : IVerb
{
    public string Name => "inputs definition";

    public string Summary => "định nghĩa các trường nhập liệu (JSON, cho trang nhập liệu)";

    public string Help => "inputs definition --kind K\n  In định nghĩa trường nhập liệu của loại báo cáo K dưới dạng JSON.";

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("kind");
        await context.Out.WriteLineAsync(InputDefinitionJson.Serialize(Period.ParseKind(args.Require("kind"))));
        return 0;
    }
}

public sealed class InputsReadinessVerb : IVerb
{
    public string Name => "inputs missing";

    public string Summary => "đơn vị nào còn thiếu nhập liệu bắt buộc trong kỳ";

    public string Help => "inputs missing --period P [--kind K]\n  Liệt kê các đơn vị (tồn tại cuối kỳ) còn thiếu nội dung bắt buộc và tên các nội dung đó.";

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("kind", "period");
        var kind = InputVerbSupport.Kind(args, args.Require("period"));
        var warehouse = await context.WarehouseAsync(cancellationToken);
        var all = await InputReadinessService.For(warehouse).ForPeriodAsync(kind, args.Require("period"), null, cancellationToken);
        foreach (var r in all.Where(r => !r.IsReady))
        {
            await context.Out.WriteLineAsync($"{r.Key.UnitCode}: thiếu {r.Missing.Count}: {r.MissingText}");
        }

        await context.Out.WriteLineAsync($"{all.Count(r => r.IsReady)}/{all.Count} đơn vị đủ nội dung bắt buộc.");
        return 0;
    }
}

public sealed class InputsSeedDemoVerb : IVerb
{
    public string Name => "inputs seed-demo";

    public string Summary => "nhập liệu mẫu cho phần lớn đơn vị (chừa lại vài đơn vị)";

    public string Help => """
        inputs seed-demo --period P [--kind K]
          Điền nhập liệu mẫu cho các đơn vị có trong kho ở cuối kỳ (và "province"), cố ý chừa trống vài đơn vị và
          điền thiếu vài đơn vị khác để theo dõi, nhắc việc có cái để hiển thị. Chạy lại không thay đổi gì.
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("kind", "period");
        var kind = InputVerbSupport.Kind(args, args.Require("period"));
        var warehouse = await context.WarehouseAsync(cancellationToken);
        var outcome = await new InputDemoSeeder(warehouse.DataSource).SeedAsync(kind, args.Require("period"), cancellationToken);
        await context.Out.WriteLineAsync($"Nhập liệu mẫu: {outcome.Units} đơn vị, {outcome.Changed} giá trị ghi mới; " +
            $"không nhập: {Join(outcome.Empty)}; nhập thiếu: {Join(outcome.Partial)}.");
        return 0;
    }

    private static string Join(IReadOnlyList<string> codes) => codes.Count == 0 ? "(không)" : string.Join(", ", codes);
}
