using Reporting.Templates.Model;

namespace Reporting.Worker.Render;

/// <summary>design.md: <c>&lt;period&gt;_&lt;unit&gt;_&lt;kind&gt;_v&lt;version&gt;.pdf|xlsx</c>.</summary>
public static class ReportFileNames
{
    public static string Stem(string periodCode, string unitCode, ReportKind kind, int version) =>
        $"{Safe(periodCode)}_{Safe(unitCode)}_{Calendar.Period.KindName(kind)}_v{version}";

    /// <summary>Ad hoc periods contain ".." and ranges; keep file names portable.</summary>
    private static string Safe(string s) => string.Concat(s.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_')).Replace("..", "_", StringComparison.Ordinal);
}
