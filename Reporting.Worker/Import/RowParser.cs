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

    public string Text(string column, bool required = true)
    {
        var v = record.Fields[columns[column]].Trim();
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

        if (DateTime.TryParseExact(v, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, Vietnam).UtcDateTime;
        }

        if (DateTimeOffset.TryParseExact(v, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var withOffset))
        {
            return withOffset.UtcDateTime;
        }

        Fail(column, ErrorCodes.RowBadDate, $"ngày giờ '{v}' không hợp lệ (ISO 8601, ví dụ 2026-03-14T16:30:00+07:00)");
        return null;
    }

    public DateOnly? Date(string column, bool required)
    {
        var v = Text(column, required);
        if (v.Length == 0)
        {
            return null;
        }

        if (DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        Fail(column, ErrorCodes.RowBadDate, $"ngày '{v}' không hợp lệ (YYYY-MM-DD)");
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
}
