using Microsoft.Playwright;

namespace Reporting.Tests.Api;

/// <summary>The clerks' page in headless Chromium (the system's /usr/bin/chromium): key, request, wait, download.</summary>
public sealed class WebPageTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Clerk_EntersKey_RequestsAReport_WaitsForIt_AndDownloadsThePdf()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("REPORTING_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(api.BaseAddress, "/").ToString());
        Assert.EndsWith("/app", page.Url, StringComparison.Ordinal);

        await page.GetByLabel("Khóa API").FillAsync(api.KeyA);
        await page.GetByRole(AriaRole.Button, new() { Name = "Dùng khóa này" }).ClickAsync();
        await Assertions.Expect(page.Locator("#key-state")).ToHaveTextAsync("Khóa hợp lệ.");
        await page.GetByLabel("Đơn vị").SelectOptionAsync("A1");
        await page.GetByLabel("Loại kỳ báo cáo").SelectOptionAsync("adhoc");
        await page.GetByLabel("Từ ngày").FillAsync("2026-02-01");
        await page.GetByLabel("Đến ngày").FillAsync("2026-02-28");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi yêu cầu" }).ClickAsync();

        var downloadButton = page.Locator("#downloads").GetByRole(AriaRole.Button, new() { Name = "Tải PDF" });
        await downloadButton.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal("100", await page.Locator("#progress").EvaluateAsync<string>("p => String(p.value)"));
        var download = await page.RunAndWaitForDownloadAsync(() => downloadButton.ClickAsync());
        Assert.Equal("2026-02-01..2026-02-28_A1_adhoc.pdf", download.SuggestedFilename);
        var path = await download.PathAsync();
        var head = new byte[5];
        await using (var file = File.OpenRead(path))
        {
            await file.ReadExactlyAsync(head);
        }

        Assert.Equal("%PDF-"u8.ToArray(), head);

        // The request shows in the history, and the key stayed in this tab's sessionStorage only.
        await Assertions.Expect(page.Locator("#history tbody tr").First).ToContainTextAsync("A1");
        Assert.Equal(api.KeyA, await page.EvaluateAsync<string>("() => sessionStorage.getItem('reporting.key')"));
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('reporting.key')"));
    }
}
