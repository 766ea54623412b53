namespace Reporting.Templates.Pdf;

/// <summary>How the shared Chromium is launched and how long a document may take.</summary>
public sealed record ChromiumOptions
{
    /// <summary>The Debian chromium; env REPORTING_CHROMIUM overrides. Never downloaded.</summary>
    public string ExecutablePath { get; init; } = Environment.GetEnvironmentVariable("REPORTING_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    /// <summary>Pages printed at once (2 on this machine kind: design.md).</summary>
    public int MaxConcurrency { get; init; } = 2;

    /// <summary>A render that takes longer is cancelled.</summary>
    public TimeSpan RenderTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The closed network and root: no sandbox, no GPU, no background traffic (BRIEF.md).</summary>
    public static IReadOnlyList<string> Arguments { get; } =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];
}
