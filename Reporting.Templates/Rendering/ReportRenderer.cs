using Reporting.Templates.Excel;
using Reporting.Templates.Formatting;
using Reporting.Templates.Html;
using Reporting.Templates.Model;
using Reporting.Templates.Pdf;

namespace Reporting.Templates.Rendering;

/// <summary>
/// The render stage: model → HTML (Razor: one document, the report then each appendix on its own named page with
/// its own page numbering) → one Chromium print → the Info dictionary appended as an incremental update; model →
/// XLSX, written while Chromium prints. Shares one <see cref="ChromiumPdfPrinter"/>.
/// </summary>
public sealed class ReportRenderer(ChromiumPdfPrinter printer) : IReportRenderer
{
    public async Task<RenderedReport> RenderAsync(ReportModel model, CancellationToken cancellationToken)
    {
        // The workbook is written while Chromium prints (the printer mostly waits on the browser), not after it.
        var xlsx = Task.Run(() => WorkbookWriter.Write(model), cancellationToken);
        var pdf = await RenderPdfAsync(model, cancellationToken);
        return new RenderedReport(pdf, await xlsx);
    }

    public async Task<byte[]> RenderPdfAsync(ReportModel model, CancellationToken cancellationToken)
    {
        EnsurePrintable(model);
        ReportHtml html;
        await using (var composer = new HtmlComposer())
        {
            html = await composer.ComposeAsync(model);
        }

        var printed = await printer.PrintAsync(html.Html, cancellationToken);
        return PdfInfoWriter.WithInfo(printed, Metadata(model));
    }

    /// <summary>The last district date: from 2025-07-01 local government has two levels (domain.md §2.2, §6).</summary>
    public static readonly DateOnly LastDistrictDay = new(2025, 6, 30);

    /// <summary>
    /// Refuses a model the official form cannot print: a district group ("Cấp huyện", "Huyện, thị xã…") in a period
    /// that starts after 30/06/2025.
    /// </summary>
    public static void EnsurePrintable(ReportModel model)
    {
        if (model.Period.From <= LastDistrictDay)
        {
            return;
        }

        foreach (var table in new[] { model.TthcByField, model.TthcByUnit })
        {
            var district = table?.Groups.FirstOrDefault(g => g.Label is { } l && l.Contains("huyện", StringComparison.OrdinalIgnoreCase));
            if (district is not null)
            {
                throw new ArgumentException(
                    $"Kỳ báo cáo bắt đầu sau ngày 30/06/2025 không có cấp huyện, nhưng biểu {table!.FormCode} có nhóm \"{district.Label}\".", nameof(model));
            }
        }
    }

    public static PdfMetadata Metadata(ReportModel model)
    {
        var h = model.Header;
        return new PdfMetadata(
            VietnameseFormat.Nfc($"{h.DocumentType} {h.Summary}"),
            VietnameseFormat.Nfc(h.Issuer.Body.Replace('\n', ' ')),
            VietnameseFormat.Nfc($"{h.Summary} ({model.Unit.Name}, {model.Period.Label})"),
            $"{model.Period.Code}; {model.Unit.Code}; {Kind(model.Period.Kind)}; {model.TemplateVersion}");
    }

    private static string Kind(ReportKind kind) => kind switch
    {
        ReportKind.Quarter => "quarter",
        ReportKind.Half => "half",
        ReportKind.NineMonths => "nine-months",
        ReportKind.Annual => "annual",
        _ => "adhoc",
    };
}
