using ClosedXML.Excel;
using Microsoft.Playwright;
using Reporting.Worker.Inputs;

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

    [Fact]
    public async Task Clerk_FillsTheInputsForm_SeesTheErrorNextToTheField_Saves_RoundTripsTheWorkbook_AndSeesTheChangeHistory()
    {
        const string markup = "<script>window.pwned = 1</script><b>đậm</b> & =SUM(A1)";
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("REPORTING_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(api.BaseAddress, "/app").ToString());
        await page.GetByLabel("Khóa API").FillAsync(api.KeyA);
        await page.GetByRole(AriaRole.Button, new() { Name = "Dùng khóa này" }).ClickAsync();
        await Assertions.Expect(page.Locator("#key-state")).ToHaveTextAsync("Khóa hợp lệ.");

        await page.GetByLabel("Nhập liệu cho").SelectOptionAsync("A1");
        await page.GetByLabel("Loại báo cáo").SelectOptionAsync("quarter");
        await page.GetByLabel("Kỳ nhập liệu").FillAsync("2026-Q3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mở biểu mẫu" }).ClickAsync();
        await Assertions.Expect(page.Locator("#inputs-form")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#inputs-missing li")).ToHaveCountAsync(InputDefinitions.For(Reporting.Templates.Model.ReportKind.Quarter).Required.Count());
        await Assertions.Expect(page.Locator("#inputs-history-box")).ToBeHiddenAsync(); // nothing changed yet

        await page.Locator("textarea[name='I.2']").FillAsync("Ban hành kế hoạch.\n- " + markup);
        await page.Locator("input[name='CQS_VB_DIEN_TU']").FillAsync("120");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu nhập liệu" }).ClickAsync();
        var percentError = page.Locator(".field:has(input[name='CQS_VB_DIEN_TU']) .field-error");
        await Assertions.Expect(percentError).ToContainTextAsync("INPUT_PERCENT_OUT_OF_RANGE");
        await Assertions.Expect(page.Locator(".field:has(textarea[name='I.2']) .field-error")).ToHaveTextAsync("");
        Assert.Equal(0L, await api.ScalarAsync<long>("select count(*) from unit_input where unit_code = 'A1' and period_code = '2026-Q3'"));

        await page.Locator("input[name='CQS_VB_DIEN_TU']").FillAsync("88,04");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu nhập liệu" }).ClickAsync();
        await Assertions.Expect(page.Locator("#inputs-state")).ToContainTextAsync("Đã lưu: 2 trường thay đổi.");
        await Assertions.Expect(percentError).ToHaveTextAsync("");
        Assert.Equal("88,04", await page.Locator("input[name='CQS_VB_DIEN_TU']").InputValueAsync());
        Assert.EndsWith(markup, await page.Locator("textarea[name='I.2']").InputValueAsync(), StringComparison.Ordinal);
        // The change history: one row per changed field, newest first, values shown as text.
        var history = page.Locator("#inputs-history tbody tr");
        await Assertions.Expect(history).ToHaveCountAsync(2);
        var percentRow = history.Filter(new() { HasText = "Tỷ lệ văn bản đi, đến được gửi, nhận dưới dạng điện tử" });
        await Assertions.Expect(percentRow).ToContainTextAsync("88,04");
        await Assertions.Expect(percentRow).ToContainTextAsync("(trống)");
        await Assertions.Expect(percentRow).ToContainTextAsync("sửa trên trang");
        await Assertions.Expect(history.Filter(new() { HasText = "<script>" })).ToHaveCountAsync(1);
        // Text stays text: nothing the clerk typed became an element or ran.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('main script, main b').length"));
        Assert.Null(await page.EvaluateAsync<int?>("() => window.pwned"));

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Tải sổ Excel" }).ClickAsync());
        Assert.Equal("nhap-lieu_A1_quarter_2026-Q3.xlsx", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"inputs-web-{Guid.NewGuid():N}.xlsx");
        try
        {
            await using (var downloaded = File.OpenRead(await download.PathAsync()))
            using (var book = new XLWorkbook(downloaded))
            {
                var sheet = book.Worksheet(InputWorkbook.NarrativeSheet);
                Assert.EndsWith(markup, sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "I.2").Cell(5).GetString(), StringComparison.Ordinal);
                sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "III").Cell(5).SetValue("Đánh giá nhập từ sổ Excel.");
                book.SaveAs(path);
            }

            await page.Locator("#inputs-file").SetInputFilesAsync(path);
            await page.GetByRole(AriaRole.Button, new() { Name = "Tải sổ lên" }).ClickAsync();
            await Assertions.Expect(page.Locator("#inputs-state")).ToContainTextAsync("Đã nhập sổ: 1 trường thay đổi.");
            Assert.Equal("Đánh giá nhập từ sổ Excel.", await page.Locator("textarea[name='III']").InputValueAsync());
            await Assertions.Expect(history).ToHaveCountAsync(3);
            await Assertions.Expect(history.First).ToContainTextAsync("Đánh giá nhập từ sổ Excel.");
            await Assertions.Expect(history.First).ToContainTextAsync("nhập sổ Excel");
            Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('main script, main b').length"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
