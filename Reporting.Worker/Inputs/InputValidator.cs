using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Inputs;

/// <summary>
/// Turns what a person typed into the canonical stored text of a field, or says why not. One set of rules for
/// the web form, the API, the workbook and the CLI. Canonical forms: integers "1234", percentages "88.04",
/// dates "2026-12-05", text NFC with "\n" line ends, trimmed. Blank means "no value" (null). Markup is kept as
/// typed: it is text, and templates encode it.
/// </summary>
public static partial class InputValidator
{
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    /// <summary>Validates <paramref name="raw"/> for <paramref name="field"/>; on success sets the canonical value.</summary>
    public static InputError? Normalise(InputField field, string? raw, out string? canonical)
    {
        canonical = null;
        if (raw is null || string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        return field.Type switch
        {
            InputFieldType.Narrative => Text(field, raw, multiline: true, out canonical),
            InputFieldType.ShortText => Text(field, raw, multiline: false, out canonical),
            InputFieldType.Count => Integer(field, raw.Trim(), out canonical),
            InputFieldType.Percentage => Percentage(field, raw.Trim(), out canonical),
            _ => Date(field, raw.Trim(), out canonical),
        };
    }

    /// <summary>Error for a code the definition does not know.</summary>
    public static InputError UnknownField(string code) =>
        new(code, ErrorCodes.InputUnknownField, $"Không có trường nhập liệu mã '{code}' trong mẫu {InputDefinitions.Version}.");

    private static InputError? Text(InputField field, string raw, bool multiline, out string? canonical)
    {
        canonical = null;
        var text = raw.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Normalize(NormalizationForm.FormC).Trim();
        foreach (var c in text)
        {
            if (c == '\n' && !multiline)
            {
                return new(field.Code, ErrorCodes.InputMultiline, $"{field.Label}: chỉ được nhập một dòng.");
            }

            if (char.IsControl(c) && c is not '\n' and not '\t')
            {
                return new(field.Code, ErrorCodes.InputControlCharacter,
                    $"{field.Label}: có ký tự điều khiển không hợp lệ (mã U+{(int)c:X4}).");
            }
        }

        if (text.Length > field.MaxLength)
        {
            return new(field.Code, ErrorCodes.InputTooLong,
                $"{field.Label}: dài {text.Length} ký tự, vượt quá giới hạn {field.MaxLength} ký tự.");
        }

        canonical = text;
        return null;
    }

    private static InputError? Integer(InputField field, string raw, out string? canonical)
    {
        canonical = null;
        if (NegativeNumber().IsMatch(raw))
        {
            return new(field.Code, ErrorCodes.InputNegative, $"{field.Label}: số lượng không được âm (nhận được '{raw}').");
        }

        var digits = PlainDigits().IsMatch(raw) ? raw
            : ThousandsGrouped().IsMatch(raw) ? raw.Replace(".", "", StringComparison.Ordinal)
            : null;
        if (digits is null)
        {
            return new(field.Code, ErrorCodes.InputNotInteger, $"{field.Label}: phải là số nguyên không âm (nhận được '{raw}').");
        }

        if (digits.TrimStart('0').Length > 10 || long.Parse(digits, CultureInfo.InvariantCulture) > InputField.MaxCount)
        {
            return new(field.Code, ErrorCodes.InputOutOfRange, $"{field.Label}: số quá lớn (tối đa {InputField.MaxCount:N0}).".Replace(',', '.'));
        }

        canonical = long.Parse(digits, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        return null;
    }

    private static InputError? Percentage(InputField field, string raw, out string? canonical)
    {
        canonical = null;
        var text = raw.TrimEnd('%').Trim().Replace(',', '.');
        if (!DecimalNumber().IsMatch(text)
            || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return new(field.Code, ErrorCodes.InputNotPercent, $"{field.Label}: phải là tỷ lệ phần trăm, ví dụ 88,04 (nhận được '{raw}').");
        }

        if (value < 0 || value > 100)
        {
            return new(field.Code, ErrorCodes.InputPercentOutOfRange, $"{field.Label}: tỷ lệ phải từ 0 đến 100 (nhận được '{raw}').");
        }

        if (value != Math.Round(value, 2))
        {
            return new(field.Code, ErrorCodes.InputPercentPrecision, $"{field.Label}: tỷ lệ chỉ được có tối đa 2 chữ số thập phân (nhận được '{raw}').");
        }

        canonical = value.ToString("0.00", CultureInfo.InvariantCulture);
        return null;
    }

    private static InputError? Date(InputField field, string raw, out string? canonical)
    {
        canonical = null;
        string[] formats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];
        if (!DateOnly.TryParseExact(raw, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new(field.Code, ErrorCodes.InputNotDate, $"{field.Label}: phải là ngày dạng dd/mm/yyyy (nhận được '{raw}').");
        }

        if (date < EarliestDate || date > LatestDate)
        {
            return new(field.Code, ErrorCodes.InputDateOutOfRange,
                $"{field.Label}: ngày {date:dd/MM/yyyy} nằm ngoài khoảng {EarliestDate:dd/MM/yyyy}–{LatestDate:dd/MM/yyyy}.");
        }

        canonical = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return null;
    }

    [GeneratedRegex(@"^-\s*\d")]
    private static partial Regex NegativeNumber();

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex PlainDigits();

    [GeneratedRegex(@"^\d{1,3}(\.\d{3})+$")]
    private static partial Regex ThousandsGrouped();

    [GeneratedRegex(@"^-?\d+(\.\d+)?$")]
    private static partial Regex DecimalNumber();
}
