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
    public async Task Print_ReusesItsPage_AndTheNextDocumentKeepsNothingOfTheLast()
    {
        await using var printer = new ChromiumPdfPrinter(new ChromiumOptions { MaxConcurrency = 1 });
        const string wide = "<!DOCTYPE html><html><head><meta charset='utf-8'><style>@page { size: A4 landscape; }</style></head><body><p>Trang ngang</p></body></html>";
        await printer.PrintAsync(wide, CancellationToken.None);
        var second = await printer.PrintAsync(Simple, CancellationToken.None);
        Assert.Equal(1, printer.PagesOpened);

        var path = Path.Combine(samples.Directory, $"reused-{Guid.NewGuid():N}.pdf");
        Directory.CreateDirectory(samples.Directory);
        await File.WriteAllBytesAsync(path, second);
        var text = await DocumentTools.PdfText(path);
        Assert.Contains("Hạnh phúc", text);
        Assert.DoesNotContain("Trang ngang", text);
        var size = System.Text.RegularExpressions.Regex.Match(await DocumentTools.RunAsync("pdfinfo", path), @"Page size:\s+([\d.]+) x ([\d.]+)");
        Assert.True(double.Parse(size.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            < double.Parse(size.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), "the landscape @page of the previous document must not carry over");
    }

    [Fact]
    public async Task Print_AfterATimeout_UsesAFreshPage_NotTheHungOne()
    {
        await using var printer = new ChromiumPdfPrinter(new ChromiumOptions { RenderTimeout = TimeSpan.FromSeconds(15), MaxConcurrency = 1 });
        await Assert.ThrowsAsync<TimeoutException>(() => printer.PrintAsync("<html><body><script>while (true) {}</script></body></html>", CancellationToken.None));
        var pdf = await printer.PrintAsync(Simple, CancellationToken.None);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
        Assert.Equal(2, printer.PagesOpened);
    }

    [Fact]
    public async Task Print_SharedPrinter_HandlesConcurrentDocuments()
    {
        var pdfs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => samples.Printer.PrintAsync(Simple, CancellationToken.None)));
        Assert.All(pdfs, p => Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(p, 0, 5)));
    }
}
