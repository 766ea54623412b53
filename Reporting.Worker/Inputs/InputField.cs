using Reporting.Templates.Model;

namespace Reporting.Worker.Inputs;

/// <summary>What a unit types into a field: a narrative section, or one of the typed appendix indicators.</summary>
public enum InputFieldType
{
    /// <summary>Plain paragraphs and bullet lists ("- " lines), never markup.</summary>
    Narrative,

    /// <summary>A whole number, zero or more.</summary>
    Count,

    /// <summary>0 to 100, at most 2 decimals.</summary>
    Percentage,

    Date,

    /// <summary>One line of plain text.</summary>
    ShortText,
}

/// <summary>
/// One input field of a report kind. Narrative fields carry the outline number they fill as their code
/// ("I.2", "II.1", "III"); indicators carry a stable upper-case code and the reform area they sit under.
/// </summary>
/// <param name="Code">Stable field code; never renamed once released (stored rows and workbooks use it).</param>
/// <param name="Label">Vietnamese label shown on the form, in the workbook and as the heading or row label.</param>
/// <param name="Help">Vietnamese help text: what to write, where it comes from.</param>
/// <param name="Group">Reform area of an indicator (appendix grouping); for a narrative, its outline part.</param>
/// <param name="UnitOfMeasure">Đơn vị tính of an indicator ("văn bản", "người", "%"); empty otherwise.</param>
/// <param name="MaxLength">Longest text accepted, in characters after normalisation (text fields only).</param>
/// <param name="RequiredFor">Report kinds for which the field must be filled before an official draft.</param>
/// <param name="CarryForward">Copy-forward offers the previous period's value (plans, staffing, narrative);
/// counts of what happened in a period are not carried.</param>
public sealed record InputField(
    string Code,
    InputFieldType Type,
    string Label,
    string Help,
    string Group,
    string UnitOfMeasure,
    int MaxLength,
    IReadOnlySet<ReportKind> RequiredFor,
    bool CarryForward)
{
    /// <summary>Largest count accepted (a plausibility bound, not a business rule).</summary>
    public const long MaxCount = 1_000_000_000;

    public bool IsNarrative => Type == InputFieldType.Narrative;

    public bool IsRequired(ReportKind kind) => RequiredFor.Contains(kind);

    /// <summary>Vietnamese name of the type, for the workbook and messages.</summary>
    public string TypeLabel => Type switch
    {
        InputFieldType.Narrative => "văn bản nhiều đoạn",
        InputFieldType.Count => "số nguyên không âm",
        InputFieldType.Percentage => "tỷ lệ % (0–100, tối đa 2 chữ số thập phân)",
        InputFieldType.Date => "ngày (dd/mm/yyyy)",
        _ => "văn bản một dòng",
    };

    /// <summary>The model's indicator type (narrative fields have none).</summary>
    public UnitIndicatorType IndicatorType => Type switch
    {
        InputFieldType.Count => UnitIndicatorType.Count,
        InputFieldType.Percentage => UnitIndicatorType.Percentage,
        InputFieldType.Date => UnitIndicatorType.Date,
        InputFieldType.ShortText => UnitIndicatorType.ShortText,
        _ => throw new InvalidOperationException($"{Code} is a narrative field, not an indicator."),
    };
}
