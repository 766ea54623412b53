namespace Reporting.Templates.Model;

/// <summary>
/// The TTHC results form: rows grouped by level ("Cấp tỉnh", "Cấp huyện" until 2025-06-30, "Cấp xã") or a single
/// group, each row a field (lĩnh vực, unit report) or a unit (consolidated report), then the total.
/// </summary>
public sealed record TthcTable(
    string FormCode,
    string Title,
    string RowHeader,
    IReadOnlyList<TthcRowGroup> Groups,
    TthcFigures Total);

public sealed record TthcRowGroup(string? Label, IReadOnlyList<TthcRow> Rows);

/// <summary>A row: a field or a unit, identified by code, with its figures.</summary>
public sealed record TthcRow(string Code, string Label, TthcFigures Figures);
