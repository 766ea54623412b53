namespace Reporting.Templates.Model;

/// <summary>
/// The period a report covers, as printed: its label ("năm 2026"), the data window [From, To] in civil dates
/// (both inclusive when printed: "Từ ngày 15/12/2025 đến ngày 14/12/2026"), which rule made the window, and the
/// instant the data were taken ("số liệu tính đến ngày ..."), which can fall before the window's end.
/// <see cref="DataAsOf"/> is exclusive (the window's effective end); <see cref="DataThrough"/> is the last civil day
/// with data, the day to print. <see cref="UnitDue"/> and <see cref="ConsolidatedDue"/> are the deadlines of the
/// steps unit → Sở Nội vụ and Sở Nội vụ → UBND tỉnh (null for ad hoc reports).
/// </summary>
public sealed record ReportPeriod(
    ReportKind Kind,
    string Code,
    string Label,
    DateOnly From,
    DateOnly To,
    WindowRule Rule,
    DateTimeOffset DataAsOf,
    DateOnly? DataThrough = null,
    DateOnly? UnitDue = null,
    DateOnly? ConsolidatedDue = null);

/// <summary>Which rule drew the window: Nghị định 09/2019 cut-offs (15th to 14th) or calendar months.</summary>
public enum WindowRule
{
    Decree09CutOff,
    Calendar,
    Requested,
}
