namespace Reporting.Templates.Model;

/// <summary>
/// The same window one year earlier, with units mapped through agency lineage. When the unit did not exist a year
/// ago, <see cref="PredecessorNote"/> says whose figures were summed ("số liệu cùng kỳ 2025 là tổng của ...").
/// </summary>
public sealed record Comparison(
    DateOnly PreviousFrom,
    DateOnly PreviousTo,
    TthcFigures Previous,
    string? PredecessorNote,
    IReadOnlyList<string> PredecessorCodes)
{
    /// <summary>Percent change of a figure against last year, or null when last year was zero.</summary>
    public static decimal? Change(long now, long before) => before == 0
        ? null
        : Math.Round(100m * (now - before) / before, 2, MidpointRounding.AwayFromZero);
}

/// <summary>One line of the unit ranking by CCHC on-time rate (consolidated report).</summary>
public sealed record UnitRanking(int Rank, string UnitCode, string UnitName, Rate OnTimeRate, long Resolved);

/// <summary>A field with many overdue dossiers (resolved late plus open overdue).</summary>
public sealed record OverdueField(string FieldCode, string FieldName, long ResolvedLate, long InProgressOverdue);
