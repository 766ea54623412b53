using Reporting.Templates.Pdf;

namespace Reporting.Tests.Resilience;

/// <summary>
/// The printer alone, with Chromium's processes killed (SIGKILL) while a document is loaded and about to print:
/// that document fails with <see cref="ChromiumCrashedException"/> (transient) naming the browser's death, and the
/// very next document, sent at once, relaunches the browser and prints.
/// </summary>
[Trait("Category", "Resilience")]
public sealed class ChromiumKillTests
{
    private const string Html = "<!DOCTYPE html><html><head><meta charset='utf-8'><title>t</title></head><body><p>Cộng hòa xã hội chủ nghĩa Việt Nam</p></body></html>";

    [Fact]
    public async Task Print_WhenChromiumIsKilledMidDocument_FailsThatDocumentAsCrashed_AndTheNextOneRelaunchesTheBrowser()
    {
        await using var printer = new ChromiumPdfPrinter();
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await printer.PrintAsync(Html, CancellationToken.None), 0, 5));

        IReadOnlyList<int> killed = [];
        printer.BeforePdfForTest = async browser => killed = await ChromiumKiller.KillAsync(browser);
        var crash = await Assert.ThrowsAsync<ChromiumCrashedException>(() => printer.PrintAsync(Html, CancellationToken.None));
        printer.BeforePdfForTest = null;

        Assert.NotEmpty(killed);
        Assert.True(crash.BrowserDied);
        Assert.IsAssignableFrom<IOException>(crash);
        Assert.Contains("Chromium đã dừng đột ngột", crash.Message, StringComparison.Ordinal);

        var next = await printer.PrintAsync(Html, CancellationToken.None);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(next, 0, 5));
        Assert.Equal(2, printer.Launches);
    }
}
