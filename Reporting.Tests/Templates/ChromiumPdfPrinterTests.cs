using Reporting.Templates.Pdf;
using Reporting.Tests.Fixtures;

namespace Reporting.Tests.Templates;

[Collection(ChromiumCollection.Name)]
public sealed class ChromiumPdfPrinterTests(RenderedSamples samples)
{
    private const string Simple = "<!DOCTYPE html><html><head><meta charset='utf-8'><title>t</title></head><body><p>Hạnh phúc</p></body></html>";

    [Fact]
    public async Task Print_RelaunchesTheBrowser_WhenItDied()
    {
        await using var printer = new ChromiumPdfPrinter();
        var first = await printer.PrintAsync(Simple, CancellationToken.None);
        await printer.CrashBrowserForTestAsync();
        var second = await printer.PrintAsync(Simple, CancellationToken.None);
        Assert.Equal(2, printer.Launches);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(second, 0, 5));
        Assert.True(first.Length > 0);
    }

    [Fact]
    public async Task Print_IsCancelled_WhenTheRenderHangs()
    {
        await using var printer = new ChromiumPdfPrinter(new ChromiumOptions { RenderTimeout = TimeSpan.FromSeconds(3) });
        var hang = "<html><body><script>while (true) {}</script></body></html>";
        await Assert.ThrowsAsync<TimeoutException>(() => printer.PrintAsync(hang, CancellationToken.None));
    }

    [Fact]
    public async Task Print_SharedPrinter_HandlesConcurrentDocuments()
    {
        var pdfs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => samples.Printer.PrintAsync(Simple, CancellationToken.None)));
        Assert.All(pdfs, p => Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(p, 0, 5)));
    }
}
