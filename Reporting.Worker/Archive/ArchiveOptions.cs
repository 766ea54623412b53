using Microsoft.Extensions.Configuration;

namespace Reporting.Worker.Archive;

/// <summary>
/// Section "Archive": <c>Directory</c> is the content store (default &lt;DataDirectory&gt;/archive, i.e. .data/archive).
/// <c>KillAfterContent</c> is fault injection for the resilience test (the process kills itself between the durable
/// file and its row); never set it in production.
/// </summary>
public sealed record ArchiveOptions(string Directory, bool KillAfterContent = false)
{
    public const string Section = "Archive";

    public static ArchiveOptions From(IConfiguration configuration, string dataDirectory) =>
        new(Path.GetFullPath(configuration[$"{Section}:Directory"] is { Length: > 0 } d ? d : Path.Combine(dataDirectory, "archive")),
            bool.TryParse(configuration[$"{Section}:KillAfterContent"], out var kill) && kill);
}
