using System.Globalization;
using System.Text;
using Reporting.Templates.Model;

namespace Reporting.Templates.Formatting;

/// <summary>
/// Everything a person reads, formatted the Vietnamese administrative way (domain.md §8): 44.292 · 88,04% ·
/// "ngày 05 tháng 12 năm 2026" · "Số: 05/BC-SNV". Every string that leaves here is NFC.
/// </summary>
public static class VietnameseFormat
{
    private static readonly NumberFormatInfo Numbers = new()
    {
        NumberGroupSeparator = ".",
        NumberDecimalSeparator = ",",
        NumberGroupSizes = [3],
        NegativeSign = "-",
    };

    /// <summary>Integer with dot thousands: 44292 → "44.292".</summary>
    public static string Number(long value) => value.ToString("#,0", Numbers);

    /// <summary>A percent value to 2 decimals, no space before %: 88.04 → "88,04%".</summary>
    public static string Percent(decimal percent) =>
        Math.Round(percent, 2, MidpointRounding.AwayFromZero).ToString("#,0.00", Numbers) + "%";

    /// <summary>A rate: "88,04%", or "-" when its denominator is zero.</summary>
    public static string Rate(Rate rate) => rate.Percent is { } p ? Percent(p) : "-";

    /// <summary>"tăng 87,94%", "giảm 3,10%", "không đổi"; null (nothing last year) gives null.</summary>
    public static string? Change(decimal? percentChange) => percentChange switch
    {
        null => null,
        > 0 => "tăng " + Percent(percentChange.Value),
        < 0 => "giảm " + Percent(-percentChange.Value),
        _ => "không đổi",
    };

    /// <summary>The change of a count against last year, as words: "tăng 87,94%".</summary>
    public static string? Change(long now, long before) => Change(Comparison.Change(now, before));

    /// <summary>"ngày 05 tháng 12 năm 2026": leading zero on days 1–9 and on months 1 and 2 only.</summary>
    public static string LongDate(DateOnly date)
    {
        var day = date.Day.ToString("00", CultureInfo.InvariantCulture);
        var month = date.Month <= 2
            ? date.Month.ToString("00", CultureInfo.InvariantCulture)
            : date.Month.ToString(CultureInfo.InvariantCulture);
        return $"ngày {day} tháng {month} năm {date.Year.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>"An Giang, ngày 05 tháng 12 năm 2026".</summary>
    public static string DateLine(string place, DateOnly date) => Nfc($"{place}, {LongDate(date)}");

    /// <summary>"05/12/2026".</summary>
    public static string ShortDate(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>"(Từ ngày 15/12/2025 đến ngày 14/12/2026)".</summary>
    public static string Window(DateOnly from, DateOnly to) => $"(Từ ngày {ShortDate(from)} đến ngày {ShortDate(to)})";

    /// <summary>"05/BC-SNV"; a null number leaves it out: "…/BC-SNV" (used in the appendix reference line).</summary>
    public static string NumberSymbol(int? number, string documentTypeAbbreviation, string issuerSymbol)
    {
        var n = number is { } v ? v.ToString("00", CultureInfo.InvariantCulture) : "…";
        return Nfc($"{n}/{documentTypeAbbreviation}-{issuerSymbol}");
    }

    /// <summary>"Số: 05/BC-SNV"; a draft without a number prints "Số:      /BC-SNV".</summary>
    public static string DocumentNumber(int? number, string documentTypeAbbreviation, string issuerSymbol) => number is null
        ? Nfc($"Số:      /{documentTypeAbbreviation}-{issuerSymbol}")
        : "Số: " + NumberSymbol(number, documentTypeAbbreviation, issuerSymbol);

    /// <summary>NFC normalisation; null stays null.</summary>
    public static string Nfc(string text) => text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);

    /// <summary>Vietnamese-aware upper case (for headings such as the appendix title).</summary>
    public static string Upper(string text) => Nfc(text.ToUpper(CultureInfo.GetCultureInfo("vi-VN")));

    /// <summary>Roman numeral for appendix and section numbers (1 → I).</summary>
    public static string Roman(int n)
    {
        (int Value, string Symbol)[] table = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
        var sb = new StringBuilder();
        foreach (var (value, symbol) in table)
        {
            while (n >= value)
            {
                sb.Append(symbol);
                n -= value;
            }
        }

        return sb.ToString();
    }
}
