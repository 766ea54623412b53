using Reporting.Templates.Model;

namespace Reporting.Worker.Pipeline;

/// <summary>
/// What a report is about: kind, period code (design.md syntax) and unit code ("province" for the consolidated
/// report). A report run is keyed by this plus the template version and the data fingerprint.
/// </summary>
public sealed record ReportKey(ReportKind Kind, string PeriodCode, string UnitCode)
{
    public const string Province = "province";

    public override string ToString() => $"{Calendar.Period.KindName(Kind)}/{PeriodCode}/{UnitCode}";
}
