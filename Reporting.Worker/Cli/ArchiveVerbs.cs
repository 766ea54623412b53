using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Worker.Archive;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Cli;

public sealed class ArchiveListVerb : IVerb
{
    public string Name => "archive list";

    public string Summary => "danh sách lưu trữ";

    public string Help => """
        archive list [--period P] [--unit U] [--kind K] [--state S]
          Liệt kê các mục lưu trữ (dự thảo, bản phát hành, sổ số liệu). Trạng thái: draft, awaiting_signature,
          signed, issued, superseded. Mỗi dòng: mã mục, lần chạy, loại/kỳ/đơn vị, phiên bản, số văn bản, vai trò,
          trạng thái, kiểu chữ ký và chuỗi tin cậy, sha256 rút gọn, tên tệp.
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("period", "unit", "kind", "state");
        var services = await ArchiveServices.CreateAsync(context, cancellationToken);
        var entries = await services.Store.ListAsync(args.Get("period"), args.Get("unit"), args.Get("kind"), args.Get("state"), cancellationToken);
        foreach (var e in entries)
        {
            var signature = e.SignatureKind is null ? "chưa ký" : $"{e.SignatureKind}/{e.ChainStatus}";
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{e.Id,5}  run {e.ReportVersionId,-5} {e.Kind}/{e.PeriodCode}/{e.UnitCode} v{e.Version}  {e.DocumentNumber,-12} {e.Role,-10} {e.State,-18} {signature,-18} {e.Sha256[..12]}  {e.FileName}"));
        }

        await context.Out.WriteLineAsync($"{entries.Count} mục.");
        return 0;
    }
}

public sealed class ArchiveGetVerb : IVerb
{
    public string Name => "archive get";

    public string Summary => "lấy một văn bản lưu trữ";

    public string Help => """
        archive get ID --out FILE
          Ghi nội dung của mục lưu trữ ID ra FILE sau khi kiểm tra mã băm (từ chối nếu tệp trong kho đã bị sửa).
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("out");
        var id = ArchiveVerbArgs.Id(args);
        var output = args.Require("out");
        var services = await ArchiveServices.CreateAsync(context, cancellationToken);
        var entry = await services.Store.GetAsync(id, cancellationToken);
        await File.WriteAllBytesAsync(output, await services.Store.ReadAsync(entry, cancellationToken), cancellationToken);
        await context.Out.WriteLineAsync($"Đã ghi mục {entry.Id} ({entry.FileName}, {entry.Size} byte, sha256 {entry.Sha256}) ra {output}.");
        return 0;
    }
}

public sealed class ArchiveVerifyVerb : IVerb
{
    public string Name => "archive verify";

    public string Summary => "kiểm tra băm và chữ ký trong lưu trữ";

    public string Help => """
        archive verify [ID | --all]
          Tính lại mã băm từng tệp, kiểm tra lại chữ ký (nguyên vẹn, bao trùm toàn bộ tệp) và chuỗi chứng thư theo
          danh sách tin cậy hiện tại. Nêu tên mọi tệp bị sửa hoặc bị thiếu; với --all còn báo các tệp mồ côi (tệp
          không có mục nào trỏ tới, do gián đoạn giữa lúc ghi tệp và lúc ghi mục: vô hại). Mã thoát khác 0 nếu có lỗi.
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("all");
        long? id = args.Has("all") ? null : ArchiveVerbArgs.Id(args);
        var services = await ArchiveServices.CreateAsync(context, cancellationToken);
        var report = await new ArchiveAudit(services.Store, services.Verifier).RunAsync(id, cancellationToken);
        foreach (var problem in report.Problems)
        {
            await context.Out.WriteLineAsync(problem);
        }

        foreach (var orphan in report.Orphans)
        {
            await context.Out.WriteLineAsync($"mồ côi (vô hại): {orphan}");
        }

        foreach (var note in report.Notes)
        {
            await context.Out.WriteLineAsync($"ghi chú: {note}");
        }

        if (!report.Passed)
        {
            throw new ReportingException(ErrorCodes.ArchiveVerifyFailed,
                $"{report.Problems.Count} lỗi trong {report.Checked} mục lưu trữ (xem danh sách ở trên).");
        }

        await context.Out.WriteLineAsync($"Lưu trữ nguyên vẹn: {report.Checked} mục, {report.Orphans.Count} tệp mồ côi.");
        return 0;
    }
}

public sealed class ArchiveImportVerb : IVerb
{
    public string Name => "archive import";

    public string Summary => "nhập bản PDF đã ký";

    public string Help => """
        archive import FILE (--run ID | --entry ID)
          Nhập bản PDF đã được ký bên ngoài (người có thẩm quyền, rồi văn thư ký số của cơ quan) cho dự thảo của
          lần chạy ID (--run: mã phiên bản báo cáo; --entry: mã mục dự thảo trong 'archive list'). Tệp được nhận
          khi: có chữ ký, chữ ký còn nguyên vẹn, chữ ký cuối bao trùm toàn bộ tệp, văn bản đã ký đúng là dự thảo đó
          (bản chưa ký bên trong trùng từng byte, hoặc trùng nội dung chữ), và người ký thuộc danh sách tin cậy
          (Signing:TrustedCaDirectory; Signing:AcceptUntrustedImports=true thì nhận nhưng đánh dấu 'untrusted').
          Khi nhận: lưu thành bản phát hành, dự thảo chuyển sang 'signed', báo cáo sẵn sàng phát hành.
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("run", "entry");
        if (args.Positionals.Count != 1)
        {
            throw new ReportingException(ErrorCodes.BadArguments, "Cần đúng một tệp PDF: archive import FILE --run ID.");
        }

        var file = args.Positionals[0];
        if (!File.Exists(file))
        {
            throw new ReportingException(ErrorCodes.ImportFileMissing, $"Không có tệp '{file}'.");
        }

        long? run = args.Has("run") ? args.GetLong("run", 0) : null;
        long? entry = args.Has("entry") ? args.GetLong("entry", 0) : null;
        var services = await ArchiveServices.CreateAsync(context, cancellationToken);
        // After the import commits, the report is released to distribution by resuming its pipeline run.
        await using var pipeline = StageServices.BuildPipeline(context.Configuration, context.Settings, await context.WarehouseAsync(cancellationToken));
        var release = new PipelineRelease(pipeline.GetRequiredService<ReportPipeline>(), pipeline.GetRequiredService<RunStore>());
        var import = new OfficialImport(services.Store, services.Verifier, services.Signing.AcceptUntrustedImports, release);
        var result = await import.ImportAsync(await File.ReadAllBytesAsync(file, cancellationToken), run, entry, cancellationToken);
        foreach (var s in result.Verification.Signatures)
        {
            await context.Out.WriteLineAsync($"chữ ký {s.Index}: {s.SignerSubject}; nguyên vẹn: {(s.Intact ? "có" : "không")}; " +
                $"chuỗi: {(s.Chain == Sign.ChainStatus.Trusted ? "tin cậy" : "KHÔNG tin cậy")}; thời điểm ký: {(s.SigningTime is { } t ? Calendar.CivilTime.ToLocal(t).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture) : "không rõ")} ({s.SigningTimeSource})");
        }

        await context.Out.WriteLineAsync(result.AlreadyImported
            ? $"Đã nhập trước đó: mục {result.Issued.Id} ({result.Issued.DocumentNumber})."
            : $"Đã nhập bản ký của {result.Issued.DocumentNumber}: mục {result.Issued.Id}, trạng thái {result.Issued.State}, chuỗi {result.Issued.ChainStatus}, khớp dự thảo theo {(result.MatchedBy == "revision" ? "từng byte" : "nội dung chữ")}.");
        return 0;
    }
}

internal static class ArchiveVerbArgs
{
    public static long Id(CliArgs args) =>
        args.Positionals.Count == 1 && long.TryParse(args.Positionals[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ReportingException(ErrorCodes.BadArguments, "Cần đúng một mã mục lưu trữ (số).");
}
