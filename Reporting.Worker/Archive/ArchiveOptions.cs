using Microsoft.Extensions.Configuration;

namespace Reporting.Worker.Archive;

/// <summary>Section "Archive": <c>Directory</c> is the content store (default &lt;DataDirectory&gt;/archive, i.e. .data/archive).</summary>
public sealed record ArchiveOptions(string Directory)
{
    public const string Section = "Archive";

    public static ArchiveOptions From(IConfiguration configuration, string dataDirectory) =>
        new(Path.GetFullPath(configuration[$"{Section}:Directory"] is { Length: > 0 } d ? d : Path.Combine(dataDirectory, "archive")));
}
