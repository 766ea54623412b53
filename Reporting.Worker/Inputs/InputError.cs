namespace Reporting.Worker.Inputs;

/// <summary>
/// A refused value: the field, a stable code (ErrorCodes.Input*), a Vietnamese message, and for a workbook the
/// sheet and row it came from.
/// </summary>
public sealed record InputError(string FieldCode, string Code, string Message, string? Sheet = null, int? Row = null)
{
    public override string ToString() => Sheet is null
        ? $"{FieldCode}: [{Code}] {Message}"
        : $"{Sheet}, dòng {Row}, {FieldCode}: [{Code}] {Message}";
}
