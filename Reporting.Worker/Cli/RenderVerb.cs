using Microsoft.Extensions.DependencyInjection;
using Reporting.Templates.Model;
using Reporting.Templates.Pdf;
using Reporting.Templates.Rendering;
using Reporting.Templates.Samples;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Pipeline;
using Reporting.Worker.Render;

namespace Reporting.Worker.Cli;

/// <summary>
/// <c>render</c>: PDF and XLSX of one report, unsigned. The real path needs the extract stage
/// (<see cref="IReportDataSource"/>), found at run time; <c>--fixture</c> renders a hand-made sample model.
/// </summary>
public sealed class RenderVerb : IVerb
{
    public string Name => "render";

    public string Summary => "xuất PDF và XLSX của một báo cáo (chưa ký)";

    public string Help => $"""
        render --kind K --period P --unit U --out DIR
          Lấy số liệu (giai đoạn trích xuất), dựng báo cáo theo thể thức Nghị định 30/2020 và ghi
          <kỳ>_<đơn vị>_<loại>_v1.pdf và .xlsx vào DIR. K: quarter, half, nine-months, annual, adhoc.
        render --fixture TÊN --out DIR
          Dựng một mô hình mẫu (không cần cơ sở dữ liệu). TÊN: {string.Join(", ", SampleModels.Names)}.
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("kind", "period", "unit", "out", "fixture");
        var outDir = args.Require("out");
        ReportModel model;
        if (args.Get("fixture") is { } fixture)
        {
            if (!SampleModels.Names.Contains(fixture))
            {
                throw new ReportingException(ErrorCodes.RenderUnknownFixture, $"Không có mô hình mẫu '{fixture}'. Có: {string.Join(", ", SampleModels.Names)}.");
            }

            model = SampleModels.ByName(fixture);
        }
        else
        {
            var kind = Calendar.Period.ParseKind(args.Require("kind"));
            var key = new ReportKey(kind, args.Require("period"), args.Require("unit"));
            var warehouse = await context.WarehouseAsync(cancellationToken);
            await using var services = StageServices.BuildPipeline(context.Configuration, context.Settings, warehouse);
            model = (await services.GetRequiredService<IReportDataSource>().LoadAsync(new ReportRequest(key), cancellationToken)).Model;
        }

        Directory.CreateDirectory(outDir);
        var stem = ReportFileNames.Stem(model.Period.Code, model.Unit.Code, model.Period.Kind, 1);
        await using var printer = new ChromiumPdfPrinter();
        RenderedReport rendered;
        try
        {
            rendered = await new ReportRenderer(printer).RenderAsync(model, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or FileNotFoundException or Microsoft.Playwright.PlaywrightException)
        {
            throw new ReportingException(ErrorCodes.RenderFailed, $"Không dựng được báo cáo: {e.Message}");
        }

        var pdf = Path.Combine(outDir, stem + ".pdf");
        var xlsx = Path.Combine(outDir, stem + ".xlsx");
        await File.WriteAllBytesAsync(pdf, rendered.Pdf, cancellationToken);
        await File.WriteAllBytesAsync(xlsx, rendered.Xlsx, cancellationToken);
        await context.Out.WriteLineAsync(pdf);
        await context.Out.WriteLineAsync(xlsx);
        return 0;
    }
}
