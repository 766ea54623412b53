namespace Reporting.Templates.Model;

/// <summary>The kinds of report period (design.md syntax in brackets).</summary>
public enum ReportKind
{
    /// <summary>Quý [2026-Q3].</summary>
    Quarter,

    /// <summary>6 tháng [2026-H1].</summary>
    Half,

    /// <summary>9 tháng [2026-9M].</summary>
    NineMonths,

    /// <summary>Năm [2026].</summary>
    Annual,

    /// <summary>Đột xuất, theo yêu cầu [2026-01-01..2026-03-31].</summary>
    Adhoc,
}
