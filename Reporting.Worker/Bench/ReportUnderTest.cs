using Microsoft.Extensions.DependencyInjection;
using Reporting.Templates.Html;
using Reporting.Templates.Model;
using Reporting.Templates.Pdf;
using Reporting.Templates.Rendering;
using Reporting.Worker.Calendar;
using Reporting.Worker.Cli;
using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Bench;

/// <summary>
/// One seeded unit's report as the bench verbs measure it. The model is read from the warehouse once (the extract
/// is benchmarked by <c>bench extract</c>); <see cref="IssueAsync"/> is "our report": a fresh version with its
/// number → PDF + XLSX → system signature → both files archived → issued, with the product's own stages and the one
/// shared Chromium. It writes versions and archive entries: run it on a scratch database.
/// </summary>
public sealed class ReportUnderTest : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private int _round;

    private ReportUnderTest(ServiceProvider services, ReportKey key, ReportModel model)
    {
        _services = services;
        Key = key;
        Model = model;
    }

    public ReportKey Key { get; }

    public ReportModel Model { get; }

    /// <summary>Seconds per step of every <see cref="IssueAsync"/> so far (number, render, sign, archive, issue).</summary>
    public StageClock Steps { get; } = new();

    public ChromiumPdfPrinter Printer => _services.GetRequiredService<ChromiumPdfPrinter>();

    public const string Options = "--kind annual --period 2026 --unit AG.TTPVHCC";

    public static async Task<ReportUnderTest> LoadAsync(VerbContext context, CliArgs args, CancellationToken ct)
    {
        var key = new ReportKey(Period.ParseKind(args.Get("kind") ?? "annual"), args.Get("period") ?? "2026", args.Get("unit") ?? "AG.TTPVHCC");
        BenchKit.EnsureDevCertificates(context);
        var warehouse = await context.WarehouseAsync(ct);
        var services = StageServices.BuildPipeline(context.Configuration, context.Settings, warehouse);
        try
        {
            var data = await services.GetRequiredService<IReportDataSource>().LoadAsync(new ReportRequest(key), ct);
            return new ReportUnderTest(services, key, data.Model);
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    /// <summary>The HTML the templates print (what Chromium is given): one document, the report and its appendices.</summary>
    public async Task<IReadOnlyList<string>> HtmlAsync()
    {
        await using var composer = new HtmlComposer();
        var html = await composer.ComposeAsync(Model);
        return [html.Html];
    }

    /// <summary>The baseline: the same HTML printed by the same printer, in parallel as the renderer does, nothing else.</summary>
    public async Task PrintBareAsync(IReadOnlyList<string> html, CancellationToken ct) =>
        await Task.WhenAll(html.Select(h => Printer.PrintAsync(h, ct)));

    /// <summary>Our report end to end after the extract: number, render, sign, archive, issue.</summary>
    public async Task<(int Pages, long PdfBytes, long XlsxBytes)> IssueAsync(CancellationToken ct)
    {
        var store = _services.GetRequiredService<RunStore>();
        var options = _services.GetRequiredService<PipelineOptions>();
        var issuer = Key.UnitCode == ReportKey.Province ? options.ConsolidatedIssuer : Key.UnitCode;
        // A new fingerprint each round makes a new version (the previous one is issued), as new data would.
        var fingerprint = $"bench-{Guid.NewGuid():N}-{Interlocked.Increment(ref _round)}";
        var row = await Steps.TimeAsync("cấp số (version)", () => store.ObtainVersionAsync(Key, Model.TemplateVersion, fingerprint, issuer,
            "BC-" + Model.Header.Issuer.Symbol, CivilTime.DateOf(DateTimeOffset.UtcNow), SigningPolicy.System, ct));
        var version = row.ToVersion();
        var model = Model with { Header = Model.Header with { DocumentNumber = version.DocumentNumber, IssueDate = version.IssueDate } };
        var rendered = await Steps.TimeAsync("kết xuất PDF+XLSX (render)", () => _services.GetRequiredService<IReportRenderer>().RenderAsync(model, ct));
        var signed = await Steps.TimeAsync("ký (sign)", () => _services.GetRequiredService<IReportSigner>().SignAsync(rendered.Pdf, version, ct));
        var archive = _services.GetRequiredService<IReportArchive>();
        await Steps.TimeAsync("lưu trữ (archive)", async () =>
        {
            // As the pipeline does (ReportPipeline.StoreBothAsync): both files at once.
            var stored = await Task.WhenAll(
                archive.StoreAsync(version, ArchiveRole.IssuedPdf, signed, ct),
                archive.StoreAsync(version, ArchiveRole.Workbook, rendered.Xlsx, ct));
            return stored[1];
        });
        await Steps.TimeAsync("phát hành (issue)", async () =>
        {
            await store.IssueAsync(version.Id, ct);
            return 0;
        });
        return (CountPages(signed), signed.LongLength, rendered.Xlsx.LongLength);
    }

    /// <summary>Median seconds of the parts of the render step done outside Chromium: HTML, XLSX, the PDF's Info update.</summary>
    public async Task<(double Html, double Xlsx, double Assemble)> RenderPartsAsync(int rounds, CancellationToken ct)
    {
        var html = new List<double>();
        var xlsx = new List<double>();
        var assemble = new List<double>();
        var parts = await Task.WhenAll((await HtmlAsync()).Select(h => Printer.PrintAsync(h, ct)));
        for (var i = 0; i < rounds; i++)
        {
            html.Add(await BenchKit.SecondsAsync(HtmlAsync));
            xlsx.Add(await BenchKit.SecondsAsync(() => Task.FromResult(Templates.Excel.WorkbookWriter.Write(Model))));
            assemble.Add(await BenchKit.SecondsAsync(() => Task.FromResult(PdfInfoWriter.WithInfo(parts[0], ReportRenderer.Metadata(Model)))));
        }

        return (BenchKit.Median(html), BenchKit.Median(xlsx), BenchKit.Median(assemble));
    }

    private static int CountPages(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
