using Reporting.Templates.Model;
using Reporting.Worker.Calendar;
using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Inputs;

/// <summary>
/// Whose inputs for which report: unit code (an agency code, or "province" for the consolidated report), report
/// kind and period code. <see cref="Create"/> checks the period code against the kind.
/// </summary>
public sealed record UnitInputKey(string UnitCode, ReportKind Kind, string PeriodCode)
{
    public string KindName => Period.KindName(Kind);

    public Period Period => Period.Parse(Kind, PeriodCode);

    public static UnitInputKey Create(string unitCode, ReportKind kind, string periodCode)
    {
        _ = Period.Parse(kind, periodCode);
        return new UnitInputKey(unitCode.Trim(), kind, periodCode.Trim());
    }

    public static UnitInputKey Of(ReportKey key) => Create(key.UnitCode, key.Kind, key.PeriodCode);

    public override string ToString() => $"{UnitCode}/{KindName}/{PeriodCode}";

    internal object Parameters => new { unit_code = UnitCode, kind = KindName, period_code = PeriodCode };
}

/// <summary>How a change came in; recorded in the history.</summary>
public enum InputAction
{
    Edit,
    Import,
    CopyForward,
    Seed,
}

/// <summary>A current value with who wrote it last and when.</summary>
public sealed record StoredInput(string FieldCode, string Value, DateTime UpdatedAt, string UpdatedBy);

/// <summary>One change in the history: old and new values (null = empty), author, time, how.</summary>
public sealed record InputChange(long Id, string FieldCode, string? OldValue, string? NewValue, string Author, DateTime ChangedAt, string Action);

/// <summary>The result of a save: refused with errors (nothing stored), or the codes of the fields that changed.</summary>
public sealed record SaveOutcome(IReadOnlyList<InputError> Errors, IReadOnlyList<string> Changed)
{
    public bool Accepted => Errors.Count == 0;
}
