using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Reporting.Templates.Pdf;

/// <summary>
/// HTML → PDF with the system Chromium through Playwright: one browser and one shared context per process, at most
/// <see cref="ChromiumOptions.MaxConcurrency"/> documents at once, each on a page (tab) kept open and reused by the
/// next document (setContent replaces the whole document; opening and closing a tab per document cost more than
/// the small reports' layout); a page whose document failed or timed out is closed, never reused. A document that
/// hangs is cancelled after <see cref="ChromiumOptions.RenderTimeout"/>. If Chromium dies while a document prints (killed,
/// out of memory), that document fails with <see cref="ChromiumCrashedException"/> and the dead browser is dropped
/// at once, so the next document relaunches it instead of failing on the stale connection.
/// Page size and margins come from the stylesheet's @page rules (preferCSSPageSize), page numbers from its
/// margin boxes.
/// </summary>
public sealed class ChromiumPdfPrinter : IAsyncDisposable
{
    private readonly ChromiumOptions _options;
    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _launch = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IBrowserContext? _context;
    private readonly ConcurrentBag<IPage> _idle = [];
    private bool _disposed;

    public ChromiumPdfPrinter(ChromiumOptions? options = null)
    {
        _options = options ?? new ChromiumOptions();
        _slots = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
    }

    /// <summary>How many times a browser was launched (1 unless it died).</summary>
    public int Launches { get; private set; }

    private int _pagesOpened;

    /// <summary>How many pages (tabs) were opened: at most <see cref="ChromiumOptions.MaxConcurrency"/> per launch
    /// while every document succeeds.</summary>
    public int PagesOpened => _pagesOpened;

    /// <summary>Test seam (resilience tests): called with the browser once the document is loaded in its page,
    /// just before the PDF is asked for; the test kills Chromium's processes there.</summary>
    internal Func<IBrowser, Task>? BeforePdfForTest { get; set; }

    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RenderTimeout);
        var ct = timeout.Token;
        await _slots.WaitAsync(ct);
        IBrowser? browser = null;
        try
        {
            (browser, var context) = await ContextAsync(ct);
            var page = TakeIdle(context);
            if (page is null)
            {
                page = await context.NewPageAsync().WaitAsync(ct);
                Interlocked.Increment(ref _pagesOpened);
                page.SetDefaultTimeout((float)_options.RenderTimeout.TotalMilliseconds);
            }

            var reusable = false;
            try
            {
                await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load }).WaitAsync(ct);
                await page.EvaluateAsync("() => document.fonts.ready").WaitAsync(ct);
                if (BeforePdfForTest is { } hook)
                {
                    await hook(browser);
                }

                var pdf = await page.PdfAsync(new PagePdfOptions
                {
                    PreferCSSPageSize = true,
                    PrintBackground = true,
                    DisplayHeaderFooter = false,
                    Tagged = false,
                    Outline = false,
                }).WaitAsync(ct);
                reusable = true;
                return pdf;
            }
            finally
            {
                if (reusable && ReferenceEquals(context, _context))
                {
                    _idle.Add(page);
                }
                else
                {
                    // A failed or cancelled page is closed so that a hung render does not hold the browser.
                    await ClosePageAsync(page);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"In PDF quá thời gian cho phép ({_options.RenderTimeout.TotalSeconds:0} giây).");
        }
        catch (PlaywrightException e) when (browser is not null && !cancellationToken.IsCancellationRequested)
        {
            // The browser, or this page's renderer, died under the document. Playwright may report the failed call
            // a moment before the browser's disconnection; wait for it (bounded), then forget a dead browser now,
            // so that the next document launches a new one instead of failing on the stale connection.
            var died = await DisconnectedAsync(browser);
            if (died)
            {
                await ForgetAsync(browser);
            }

            throw new ChromiumCrashedException(died
                ? "Chromium đã dừng đột ngột khi đang in tài liệu; tài liệu sau sẽ được in bằng một Chromium khởi động lại."
                : $"Trang in của Chromium bị lỗi: {e.Message}", died, e);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>An idle page of the current context, or null; pages of an earlier (dead) browser are dropped.</summary>
    private IPage? TakeIdle(IBrowserContext context)
    {
        while (_idle.TryTake(out var page))
        {
            if (!page.IsClosed && ReferenceEquals(page.Context, context))
            {
                return page;
            }
        }

        return null;
    }

    private static async Task ClosePageAsync(IPage page)
    {
        try
        {
            await page.CloseAsync().WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            // The browser died underneath; the next document relaunches it.
        }
    }

    private static async Task<bool> DisconnectedAsync(IBrowser browser)
    {
        if (!browser.IsConnected)
        {
            return true;
        }

        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnDisconnected(object? sender, IBrowser b) => disconnected.TrySetResult();
        browser.Disconnected += OnDisconnected;
        try
        {
            if (browser.IsConnected)
            {
                await Task.WhenAny(disconnected.Task, Task.Delay(TimeSpan.FromSeconds(5)));
            }

            return !browser.IsConnected;
        }
        finally
        {
            browser.Disconnected -= OnDisconnected;
        }
    }

    /// <summary>Drops <paramref name="dead"/> if it is still the current browser (not one a concurrent document
    /// has relaunched meanwhile).</summary>
    private async Task ForgetAsync(IBrowser dead)
    {
        await _launch.WaitAsync(CancellationToken.None);
        try
        {
            if (ReferenceEquals(_browser, dead))
            {
                await DropBrowserAsync();
            }
        }
        finally
        {
            _launch.Release();
        }
    }

    private async Task<(IBrowser Browser, IBrowserContext Context)> ContextAsync(CancellationToken ct)
    {
        if (_context is { } current && _browser is { IsConnected: true } live)
        {
            return (live, current);
        }

        await _launch.WaitAsync(ct);
        try
        {
            if (_context is { } again && _browser is { IsConnected: true } alive)
            {
                return (alive, again);
            }

            if (!File.Exists(_options.ExecutablePath))
            {
                throw new FileNotFoundException($"Không tìm thấy Chromium tại {_options.ExecutablePath} (đặt biến REPORTING_CHROMIUM).", _options.ExecutablePath);
            }

            Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            await DropBrowserAsync();
            _playwright ??= await Playwright.CreateAsync().WaitAsync(ct);
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = _options.ExecutablePath,
                Headless = true,
                Args = ChromiumOptions.Arguments,
                ChromiumSandbox = false,
            }).WaitAsync(ct);
            _context = await _browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = true, Offline = true }).WaitAsync(ct);
            Launches++;
            return (_browser, _context);
        }
        finally
        {
            _launch.Release();
        }
    }

    /// <summary>Test seam: kills the browser as a crash would.</summary>
    public async Task CrashBrowserForTestAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
    }

    private async Task DropBrowserAsync()
    {
        var browser = _browser;
        _context = null;
        _browser = null;
        if (browser is not null)
        {
            try
            {
                await browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                // Already gone (or its driver no longer answers for it).
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await DropBrowserAsync();
        _playwright?.Dispose();
        _slots.Dispose();
        _launch.Dispose();
    }
}

/// <summary>
/// Chromium died (or the page's renderer crashed) while a document was printing. An <see cref="IOException"/>:
/// transient, a retry prints the document again (on a relaunched browser when <see cref="BrowserDied"/>).
/// </summary>
public sealed class ChromiumCrashedException(string message, bool browserDied, Exception inner) : IOException(message, inner)
{
    public bool BrowserDied { get; } = browserDied;
}
