using Reporting.Templates.Excel;
using Reporting.Templates.Formatting;
using Reporting.Templates.Html;
using Reporting.Templates.Model;
using Reporting.Templates.Pdf;

namespace Reporting.Templates.Rendering;

/// <summary>
/// The render stage: model → HTML (Razor) → PDF parts (Chromium: the report, then each appendix with its own page
/// numbering) → one PDF with its Info dictionary; model → XLSX. Shares one <see cref="ChromiumPdfPrinter"/>.
/// </summary>
public sealed class ReportRenderer(ChromiumPdfPrinter printer) : IReportRenderer
{
    public async Task<RenderedReport> RenderAsync(ReportModel model, CancellationToken cancellationToken)
    {
        var pdf = await RenderPdfAsync(model, cancellationToken);
        var xlsx = WorkbookWriter.Write(model);
        return new RenderedReport(pdf, xlsx);
    }

    public async Task<byte[]> RenderPdfAsync(ReportModel model, CancellationToken cancellationToken)
    {
        ReportHtml html;
        await using (var composer = new HtmlComposer())
        {
            html = await composer.ComposeAsync(model);
        }

        var parts = await Task.WhenAll(new[] { html.Document }.Concat(html.Appendices.Select(a => a.Html))
            .Select(h => printer.PrintAsync(h, cancellationToken)));
        return PdfAssembler.Assemble(parts, Metadata(model));
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
