using Reporting.Worker.Diagnostics;
using Reporting.Worker.Import;

namespace Reporting.Worker.Cli;

/// <summary>The three "import …" verbs share one body; each names its kind of CSV (docs/IMPORT.md).</summary>
public abstract class ImportVerb : IVerb
{
    protected abstract ImportKind Kind { get; }

    protected abstract string What { get; }

    public string Name => $"import {Kind.Name}";

    public string Summary => $"nạp {What} từ CSV";

    public string Help => $"""
        import {Kind.Name} FILE.csv [--strict]
          Nạp {What} từ tệp CSV UTF-8 có dòng tiêu đề: {string.Join(",", Kind.Columns)}.
          Dòng lỗi được báo kèm số dòng, cột và lý do, và ghi vào FILE.rejects.csv; mặc định vẫn nạp các dòng tốt,
          --strict thì không nạp gì nếu có dòng lỗi. Nạp lại cùng tệp không thay đổi gì. Mã thoát khác 0 khi có dòng lỗi.
          Ngày giờ theo ISO 8601 có múi giờ (2026-03-14T16:30:00+07:00); không có múi giờ thì hiểu là giờ Việt Nam.
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("strict");
        if (args.Positionals.Count != 1)
        {
            throw new ReportingException(ErrorCodes.BadArguments, $"Cần đúng một tệp CSV: import {Kind.Name} FILE.csv [--strict].");
        }

        var warehouse = await context.WarehouseAsync(cancellationToken);
        var result = await new CsvImporter(warehouse.DataSource).ImportAsync(Kind, args.Positionals[0], args.Has("strict"), cancellationToken);
        foreach (var e in result.Errors)
        {
            await context.Error.WriteLineAsync($"dòng {e.Line}{(e.Column.Length > 0 ? $", cột {e.Column}" : "")}: [{e.Code}] {e.Reason}");
        }

        await context.Out.WriteLineAsync(
            $"{result.Rows} dòng: {result.Loaded} hợp lệ ({result.Inserted} thêm mới, {result.Updated} cập nhật, {result.Unchanged} không đổi), " +
            $"{result.RejectedRows} bị từ chối.");
        if (result.RejectedRows == 0)
        {
            return 0;
        }

        if (result.Strict)
        {
            throw new ReportingException(ErrorCodes.ImportStrictRefused,
                $"--strict: có {result.RejectedRows} dòng lỗi nên không nạp dòng nào; xem {result.RejectsFile}.");
        }

        throw new ReportingException(ErrorCodes.ImportRejectedRows,
            $"{result.RejectedRows} dòng bị từ chối (đã nạp các dòng hợp lệ); xem {result.RejectsFile}.");
    }
}

public sealed class ImportDossiersVerb : ImportVerb
{
    protected override ImportKind Kind { get; } = new DossierImport();

    protected override string What => "hồ sơ";
}

public sealed class ImportAgenciesVerb : ImportVerb
{
    protected override ImportKind Kind { get; } = new AgencyImport();

    protected override string What => "cơ quan, đơn vị";
}

public sealed class ImportProceduresVerb : ImportVerb
{
    protected override ImportKind Kind { get; } = new ProcedureImport();

    protected override string What => "danh mục TTHC";
}
