using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Reporting.Templates.Model;
using Reporting.Worker.Calendar;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Api;

/// <summary>
/// The body of <c>POST /api/reports</c>: kind, unit, either a period code or from/to (ad hoc), an optional fields
/// (lĩnh vực) filter and the formats wanted. Unknown members are refused.
/// </summary>
public sealed class ReportRequestBody
{
    public string? Kind { get; set; }

    public string? Unit { get; set; }

    public string? Period { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }

    public List<string>? Fields { get; set; }

    public List<string>? Formats { get; set; }

    /// <summary>Parses the JSON text; anything that is not this shape is API_JSON_MALFORMED.</summary>
    public static ReportRequestBody Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ReportRequestBody>(json, ApiJson.Strict)
                ?? throw Malformed("nội dung là null");
        }
        catch (JsonException ex)
        {
            throw Malformed(ex.Path is { Length: > 1 } path ? $"lỗi ở {path}" : "không đọc được");
        }
    }

    private static ReportingException Malformed(string detail) => new(ErrorCodes.ApiJsonMalformed,
        $"Nội dung yêu cầu không phải JSON hợp lệ theo mẫu ({detail}). Mẫu: {{\"kind\":\"adhoc\",\"unit\":\"...\",\"from\":\"2026-01-01\",\"to\":\"2026-03-31\",\"formats\":[\"pdf\",\"xlsx\"]}}.");

    /// <summary>
    /// Checks everything that needs no database: fields present, kind, formats, the window (from before to, not
    /// longer than <paramref name="maxWindowDays"/>, not after <paramref name="today"/>). Throws a
    /// ReportingException with the first problem.
    /// </summary>
    public RequestShape Check(int maxWindowDays, DateOnly today)
    {
        var kindName = Require(Kind, "kind");
        var unit = Require(Unit, "unit").Trim();
        if (unit.Length > 64)
        {
            throw new ReportingException(ErrorCodes.UnknownUnit, "Mã đơn vị quá dài.");
        }

        if (!IsPlainText(unit))
        {
            throw new ReportingException(ErrorCodes.UnknownUnit, "Mã đơn vị có ký tự không hợp lệ (ký tự điều khiển hoặc không phải Unicode).");
        }

        unit = unit.Normalize(NormalizationForm.FormC); // codes are stored in NFC; a decomposed one means the same

        var kind = Calendar.Period.ParseKind(Shorten(kindName));
        var period = kind == ReportKind.Adhoc ? AdhocPeriod() : NamedPeriod(kind);

        if (period.From > period.To)
        {
            throw new ReportingException(ErrorCodes.ApiWindowReversed,
                $"Ngày bắt đầu {period.From:dd/MM/yyyy} sau ngày kết thúc {period.To:dd/MM/yyyy}.");
        }

        var days = period.To.DayNumber - period.From.DayNumber + 1;
        if (days > maxWindowDays)
        {
            throw new ReportingException(ErrorCodes.ApiWindowTooLong,
                $"Khoảng thời gian {days} ngày dài hơn mức tối đa {maxWindowDays} ngày.");
        }

        if (period.To > today)
        {
            throw new ReportingException(ErrorCodes.ApiDateInFuture,
                $"Ngày kết thúc {period.To:dd/MM/yyyy} ở tương lai (hôm nay là {today:dd/MM/yyyy}).");
        }

        var formats = (Formats ?? throw Missing("formats")).Select(f => f?.Trim().ToLowerInvariant() ?? "").Distinct().Order(StringComparer.Ordinal).ToList();
        if (formats.Count == 0)
        {
            throw Missing("formats");
        }

        foreach (var f in formats)
        {
            if (f is not ("pdf" or "xlsx"))
            {
                throw new ReportingException(ErrorCodes.ApiFormatInvalid,
                    $"Định dạng '{Shorten(f)}' không hợp lệ; dùng \"pdf\" và/hoặc \"xlsx\".");
            }
        }

        List<string>? fields = null;
        if (Fields is { Count: > 0 })
        {
            if (Fields.Count > 200 || Fields.Any(f => string.IsNullOrWhiteSpace(f) || f.Length > 64 || !IsPlainText(f)))
            {
                throw new ReportingException(ErrorCodes.ApiFieldUnknown,
                    "Danh sách lĩnh vực không hợp lệ (tối đa 200 mã, mỗi mã tối đa 64 ký tự, không có ký tự điều khiển).");
            }

            fields = Fields.Select(f => f.Trim().Normalize(NormalizationForm.FormC)).Distinct().Order(StringComparer.Ordinal).ToList();
        }

        return new RequestShape(kind, unit, period, fields, formats);
    }

    private Period AdhocPeriod()
    {
        if (Period is not null && (From is not null || To is not null))
        {
            throw new ReportingException(ErrorCodes.BadPeriod, "Chỉ dùng một trong hai: \"period\" hoặc \"from\"/\"to\".");
        }

        string from, to;
        if (Period is not null)
        {
            var parts = Period.Split("..");
            if (parts.Length != 2)
            {
                throw BadDate(Period);
            }

            (from, to) = (parts[0], parts[1]);
        }
        else
        {
            from = Require(From, "from");
            to = Require(To, "to");
        }

        var f = ParseDate(from);
        var t = ParseDate(to);
        return new Period(ReportKind.Adhoc, $"{f:yyyy-MM-dd}..{t:yyyy-MM-dd}", t.Year, f, t, WindowRule.Requested);
    }

    private Period NamedPeriod(ReportKind kind)
    {
        if (From is not null || To is not null)
        {
            throw new ReportingException(ErrorCodes.BadPeriod,
                $"Loại {Calendar.Period.KindName(kind)} dùng \"period\" (ví dụ 2026-Q3, 2026-H1, 2026-9M, 2026); \"from\"/\"to\" chỉ dùng cho adhoc.");
        }

        var code = Require(Period, "period");
        return Calendar.Period.Parse(kind, Shorten(code));
    }

    private static DateOnly ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? Calendar.Period.Plausible(d) ? d : throw new ReportingException(ErrorCodes.BadPeriod,
                $"Ngày '{Shorten(text)}' ngoài khoảng năm {Calendar.Period.MinYear}–{Calendar.Period.MaxYear}.")
            : throw BadDate(text);

    /// <summary>
    /// Text that can be a code: no control character (PostgreSQL refuses NUL) and no unpaired UTF-16 surrogate
    /// (not Unicode, so not encodable as UTF-8).
    /// </summary>
    public static bool IsPlainText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    private static ReportingException BadDate(string text) => new(ErrorCodes.BadPeriod,
        $"Ngày '{Shorten(text)}' không hợp lệ; dùng dạng YYYY-MM-DD (ví dụ 2026-03-31).");

    private static string Require(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw Missing(name) : value;

    private static ReportingException Missing(string name) =>
        new(ErrorCodes.ApiFieldMissing, $"Thiếu trường bắt buộc \"{name}\".");

    /// <summary>Echoes at most 40 characters of caller input in a message.</summary>
    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

/// <summary>A request that passed the checks needing no database.</summary>
public sealed record RequestShape(ReportKind Kind, string Unit, Period Period, IReadOnlyList<string>? Fields, IReadOnlyList<string> Formats)
{
    /// <summary>
    /// Identity of "the same request": unit, kind, window, fields, formats (sorted, distinct). Together with the
    /// data fingerprint it decides whether a report already made can answer.
    /// </summary>
    public string Hash(string unitCode)
    {
        var canonical = string.Join('\n',
            unitCode, Calendar.Period.KindName(Kind), Period.Code, $"{Period.From:yyyy-MM-dd}", $"{Period.To:yyyy-MM-dd}",
            Fields is null ? "*" : string.Join(',', Fields), string.Join(',', Formats));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public ReportKey Key(string unitCode) => new(Kind, Period.Code, unitCode);
}
