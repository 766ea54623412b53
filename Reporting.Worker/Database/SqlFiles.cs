using System.Collections.Concurrent;
using System.Reflection;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Database;

/// <summary>
/// The .sql files under sql/, embedded by one glob in the project file and loaded by their path without the
/// extension: <c>SqlFiles.Get("extracts/tthc_by_field")</c>. A missing file fails with its name.
/// </summary>
public static class SqlFiles
{
    private static readonly Assembly Assembly = typeof(SqlFiles).Assembly;
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static string Get(string name) => Cache.GetOrAdd(name, static n =>
    {
        using var stream = Assembly.GetManifestResourceStream($"sql/{n}.sql")
            ?? throw new ReportingException(ErrorCodes.SqlFileMissing, $"Không có tệp SQL 'sql/{n}.sql' trong chương trình.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>Resource names of the embedded files below a folder, in name order (e.g. "schema").</summary>
    public static IReadOnlyList<string> Under(string folder) => Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith($"sql/{folder}/", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToList();
}
