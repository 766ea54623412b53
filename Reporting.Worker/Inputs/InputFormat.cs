using System.Globalization;

namespace Reporting.Worker.Inputs;

/// <summary>
/// Vietnamese display of stored input values (brief: "44.292", "88,04%", "ngày 05 tháng 12 năm 2026" with a
/// leading zero on days 1–9 and months 1–2 only). Kept here so the inputs stage does not depend on the templates'
/// formatter; the rules are the same.
/// </summary>
public static class InputFormat
{
    private static readonly NumberFormatInfo Vietnamese = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = ",", NumberGroupSizes = [3] };

    public static string Count(long value) => value.ToString("#,0", Vietnamese);

    public static string Percent(decimal value) => value.ToString("#,0.00", Vietnamese) + "%";

    public static string Date(DateOnly date) =>
        $"ngày {date.Day:00} tháng {(date.Month <= 2 ? date.Month.ToString("00", CultureInfo.InvariantCulture) : date.Month.ToString(CultureInfo.InvariantCulture))} năm {date.Year}";

    /// <summary>A stored canonical value as a person reads it, by field type.</summary>
    public static string Display(InputField field, string canonical) => field.Type switch
    {
        InputFieldType.Count => Count(long.Parse(canonical, CultureInfo.InvariantCulture)),
        InputFieldType.Percentage => Percent(decimal.Parse(canonical, CultureInfo.InvariantCulture)),
        InputFieldType.Date => Date(DateOnly.ParseExact(canonical, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
        _ => canonical,
    };
}
