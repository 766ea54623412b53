using System.Collections.Concurrent;
using Reporting.Templates.Model;
using Reporting.Templates.Pdf;
using Reporting.Templates.Rendering;
using Reporting.Templates.Samples;

namespace Reporting.Tests.Fixtures;

/// <summary>
/// One Chromium for every template test class (an xunit collection fixture) and each sample rendered once, written
/// to a private directory so the poppler, qpdf and LibreOffice tools can read it.
/// </summary>
public sealed class RenderedSamples : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RenderedFiles>>> _samples = new(StringComparer.Ordinal);

    public ChromiumPdfPrinter Printer { get; } = new();

    public ReportRenderer Renderer => new(Printer);

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "reporting-templates-" + Guid.NewGuid().ToString("N"));

    public Task<RenderedFiles> GetAsync(string name) =>
        _samples.GetOrAdd(name, n => new Lazy<Task<RenderedFiles>>(() => RenderAsync(n, SampleModels.ByName(n)))).Value;

    public async Task<RenderedFiles> RenderAsync(string name, ReportModel model)
    {
        var rendered = await Renderer.RenderAsync(model, CancellationToken.None);
        System.IO.Directory.CreateDirectory(Directory);
        var pdf = Path.Combine(Directory, name + ".pdf");
        var xlsx = Path.Combine(Directory, name + ".xlsx");
        await File.WriteAllBytesAsync(pdf, rendered.Pdf);
        await File.WriteAllBytesAsync(xlsx, rendered.Xlsx);
        return new RenderedFiles(model, rendered, pdf, xlsx);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Printer.DisposeAsync();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}

public sealed record RenderedFiles(ReportModel Model, RenderedReport Rendered, string PdfPath, string XlsxPath);

[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<RenderedSamples>
{
    public const string Name = "Chromium";
}
