using System.Globalization;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Import;

/// <summary>A rejected CSV row: line number, column, stable reason code and a Vietnamese reason.</summary>
public sealed record RowError(int Line, string Column, string Code, string Reason);

/// <summary>
/// Reads the typed values of one CSV row by column name and collects what is wrong with it. Instants are ISO 8601;
/// without an offset they are civil time in Asia/Ho_Chi_Minh (+07:00). Parsed values are ready for binary COPY
/// (instants as UTC DateTime).
/// </summary>
public sealed class RowParser(CsvRecord record, IReadOnlyDictionary<string, int> columns)
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);
    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
    ];

    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    public List<RowError> Errors { get; } = [];

    public int Line => record.Line;

    /// <summary>Codes (the merge keys and references) are indexed: at most this many characters.</summary>
    public const int MaxCodeLength = 200;

    /// <summary>Any other value: at most this many characters (a name, an e-mail address, an instant).</summary>
    public const int MaxTextLength = 2000;

    /// <summary>Instants and dates outside [1900, 2100] are not dossier or validity dates but broken exports.</summary>
    public const int MinYear = 1900;

    public const int MaxYear = 2100;

    /// <summary>
    /// The trimmed value. A value with a control character (NUL, ESC, …; PostgreSQL refuses NUL) or longer than
    /// its limit is ROW_BAD_VALUE and reads as empty, so it raises no second error.
    /// </summary>
    public string Text(string column, bool required = true)
    {
        var v = record.Fields[columns[column]].Trim();
        var max = column is "code" || column.EndsWith("_code", StringComparison.Ordinal) ? MaxCodeLength : MaxTextLength;
        if (v.Length > max)
        {
            Fail(column, ErrorCodes.RowBadValue, $"giá trị dài {v.Length} ký tự, tối đa {max}");
            return "";
        }

        if (v.Any(char.IsControl))
        {
            Fail(column, ErrorCodes.RowBadValue, "giá trị có ký tự điều khiển (NUL, ESC, …) không được phép");
            return "";
        }

        if (v.Length == 0 && required)
        {
            Fail(column, ErrorCodes.RowMissingValue, "thiếu giá trị bắt buộc");
        }

        return v;
    }

    public string? OptionalText(string column)
    {
        var v = Text(column, required: false);
        return v.Length == 0 ? null : v;
    }

    public DateTime? Instant(string column, bool required)
    {
        var v = Text(column, required);
        if (v.Length == 0)
        {
            return null;
        }

        // The year check comes first: 0001-01-01 at +07:00 is before the first UTC instant .NET can hold.
        if (DateTime.TryParseExact(v, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            && local.Year is >= MinYear and <= MaxYear)
        {
            return new DateTimeOffset(local, Vietnam).UtcDateTime;
        }

        if (DateTimeOffset.TryParseExact(v, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var withOffset)
            && withOffset.Year is >= MinYear and <= MaxYear)
        {
            return withOffset.UtcDateTime;
        }

        Fail(column, ErrorCodes.RowBadDate,
            $"ngày giờ '{Shorten(v)}' không hợp lệ (ISO 8601 từ năm {MinYear} đến {MaxYear}, ví dụ 2026-03-14T16:30:00+07:00)");
        return null;
    }

    public DateOnly? Date(string column, bool required)
    {
        var v = Text(column, required);
        if (v.Length == 0)
        {
            return null;
        }

        if (DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            && d.Year is >= MinYear and <= MaxYear)
        {
            return d;
        }

        Fail(column, ErrorCodes.RowBadDate, $"ngày '{Shorten(v)}' không hợp lệ (YYYY-MM-DD, từ năm {MinYear} đến {MaxYear})");
        return null;
    }

    public bool Bool(string column)
    {
        var v = Text(column, required: false).ToLowerInvariant();
        switch (v)
        {
            case "" or "0" or "false" or "không" or "khong":
                return false;
            case "1" or "true" or "có" or "co":
                return true;
            default:
                Fail(column, ErrorCodes.RowBadValue, $"giá trị đúng/sai '{v}' không hợp lệ (true/false hoặc 1/0)");
                return false;
        }
    }

    public decimal? Number(string column, decimal min, decimal max)
    {
        var v = Text(column);
        if (v.Length == 0)
        {
            return null;
        }

        if (decimal.TryParse(v, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        Fail(column, ErrorCodes.RowBadValue, $"số '{v}' không hợp lệ (từ {min.ToString(CultureInfo.InvariantCulture)} đến {max.ToString(CultureInfo.InvariantCulture)})");
        return null;
    }

    public string OneOf(string column, string code, string what, params string[] allowed)
    {
        var v = Text(column);
        if (v.Length > 0 && Array.IndexOf(allowed, v) < 0)
        {
            Fail(column, code, $"{what} '{v}' không hợp lệ (một trong: {string.Join(", ", allowed)})");
        }

        return v;
    }

    public void Fail(string column, string code, string reason) => Errors.Add(new RowError(record.Line, column, code, reason));

    /// <summary>Echoes at most 60 characters of a value in a reason.</summary>
    public static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
