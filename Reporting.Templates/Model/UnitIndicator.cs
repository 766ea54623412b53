namespace Reporting.Templates.Model;

/// <summary>
/// An appendix indicator the unit supplies itself (domain.md §4.3: documents issued, inspections, staffing, ...),
/// one row of the "số liệu CCHC" appendix table. Exactly one typed value is set when the unit gave one;
/// <see cref="Display"/> is the value already formatted the Vietnamese way ("44.292", "88,04%",
/// "ngày 05 tháng 12 năm 2026", text as typed) and is empty when missing. Text is plain text: templates encode it.
/// </summary>
/// <param name="Code">Stable field code, e.g. "CD_VAN_BAN_CHI_DAO".</param>
/// <param name="Group">Reform area the row sits under: "Chỉ đạo, điều hành", "Cải cách chế độ công vụ", ...</param>
/// <param name="Label">"Số văn bản chỉ đạo, điều hành CCHC ban hành".</param>
/// <param name="UnitOfMeasure">Đơn vị tính: "văn bản", "người", "%"; empty for dates and text.</param>
public sealed record UnitIndicator(
    string Code,
    string Group,
    string Label,
    string UnitOfMeasure,
    UnitIndicatorType Type,
    long? Count,
    decimal? Percent,
    DateOnly? Date,
    string? Text,
    string Display)
{
    public bool HasValue => Count is not null || Percent is not null || Date is not null || Text is not null;
}

public enum UnitIndicatorType
{
    /// <summary>A whole number, zero or more (documents, units, people).</summary>
    Count,
    Percentage,
    Date,
    ShortText,
}
