using Reporting.Worker.Cli;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Inputs;

public sealed class InputsExportVerb : IVerb
{
    public string Name => "inputs export";

    public string Summary => "xuất sổ nhập liệu của đơn vị";

    public string Help => """
        inputs export --unit U --period P [--kind K] --out FILE.xlsx
          Tạo sổ nhập liệu Excel của đơn vị U cho kỳ P (loại K): trang "Nội dung" (các mục viết), trang "Chỉ tiêu"
          (các chỉ tiêu có kiểu và kiểm tra dữ liệu), đã điền sẵn giá trị hiện có. U = mã đơn vị hoặc "province".
          --kind có thể bỏ khi mã kỳ đã cho biết loại (2026-Q3, 2026-H1, 2026-9M, 2026, 2026-01-01..2026-03-31).
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("unit", "kind", "period", "out");
        var key = InputVerbSupport.Key(args);
        var outFile = Path.GetFullPath(args.Require("out"));
        var warehouse = await context.WarehouseAsync(cancellationToken);
        var name = await InputVerbSupport.UnitNameAsync(warehouse, key.UnitCode, cancellationToken);
        var values = await UnitInputStore.For(warehouse).ValuesAsync(key, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(outFile)!);
        await using (var file = File.Create(outFile))
        {
            InputWorkbook.Write(key, name, values, file);
        }

        await context.Out.WriteLineAsync($"Đã xuất sổ nhập liệu {key} ({values.Count} giá trị đã có): {outFile}");
        return 0;
    }
}

public sealed class InputsImportVerb : IVerb
{
    public string Name => "inputs import";

    public string Summary => "nhập sổ nhập liệu của đơn vị";

    public string Help => """
        inputs import FILE.xlsx --author NAME
          Đọc sổ nhập liệu đã điền (tạo bởi 'inputs export'), kiểm tra từng giá trị và lưu các thay đổi (chỉ trường
          thay đổi mới ghi lịch sử, kèm người nhập và thời điểm). Có lỗi thì không lưu gì và in lỗi theo trang, dòng.
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("author");
        var author = args.Require("author");
        var path = args.Positionals.Count == 1 ? args.Positionals[0]
            : throw new ReportingException(ErrorCodes.BadArguments, "Cần đúng một tệp: inputs import FILE.xlsx --author NAME.");
        if (!File.Exists(path))
        {
            throw new ReportingException(ErrorCodes.ImportFileMissing, $"Không có tệp '{path}'.");
        }

        InputWorkbookContent content;
        await using (var file = File.OpenRead(path))
        {
            content = InputWorkbook.Read(file);
        }

        if (content.DefinitionVersion != InputDefinitions.Version)
        {
            await context.Error.WriteLineAsync(
                $"cảnh báo: sổ được tạo theo mẫu {content.DefinitionVersion}, mẫu hiện hành là {InputDefinitions.Version}; các trường được đọc theo mã.");
        }

        if (content.Errors.Count > 0)
        {
            await context.Error.WriteLineAsync($"Sổ nhập liệu {content.Key} có {content.Errors.Count} lỗi; chưa lưu giá trị nào:");
            await InputVerbSupport.PrintErrorsAsync(context.Error, content.Errors);
            throw new ReportingException(ErrorCodes.InputRejected, $"Sổ nhập liệu bị từ chối ({content.Errors.Count} lỗi).");
        }

        var warehouse = await context.WarehouseAsync(cancellationToken);
        var outcome = await UnitInputStore.For(warehouse).SaveAsync(content.Key, content.Values, author, InputAction.Import, cancellationToken);
        if (!outcome.Accepted)
        {
            await InputVerbSupport.PrintErrorsAsync(context.Error, outcome.Errors);
            throw new ReportingException(ErrorCodes.InputRejected, $"Sổ nhập liệu bị từ chối ({outcome.Errors.Count} lỗi).");
        }

        await context.Out.WriteLineAsync($"Đã nhập {content.Key}: {outcome.Changed.Count} trường thay đổi" +
            (outcome.Changed.Count > 0 ? $" ({string.Join(", ", outcome.Changed)})." : "."));
        var readiness = await InputReadinessService.For(warehouse).ForUnitAsync(content.Key, cancellationToken);
        await context.Out.WriteLineAsync(readiness.IsReady ? "Đủ các nội dung bắt buộc." : $"Còn thiếu (bắt buộc): {readiness.MissingText}");
        return 0;
    }
}
