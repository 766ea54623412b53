using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Inputs;

namespace Reporting.Worker.Api;

/// <summary>The unit's inputs as answered by the API: current values, who wrote each last, what is still missing.</summary>
/// <param name="Values">Field code → canonical value (definition order); a field with no value is absent.</param>
/// <param name="Updated">Field code → when and by whom the value was last written.</param>
/// <param name="Missing">Required fields with no value (readiness; an official draft waits for them).</param>
public sealed record InputsView(
    string Unit,
    string UnitName,
    string Kind,
    string Period,
    string PeriodLabel,
    string DefinitionVersion,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyDictionary<string, InputStamp> Updated,
    IReadOnlyList<MissingInput> Missing,
    bool Ready)
{
    /// <summary>After a change: the fields it actually changed (an unchanged value writes nothing).</summary>
    public IReadOnlyList<string>? Changed { get; init; }

    /// <summary>After copy-forward: the period copied from.</summary>
    public string? CopiedFrom { get; init; }

    /// <summary>After a workbook upload: e.g. the workbook was made from another definition version.</summary>
    public IReadOnlyList<string>? Warnings { get; init; }

    public static InputsView Of(InputTarget target, IReadOnlyList<StoredInput> current)
    {
        var key = target.Key;
        var definition = InputDefinitions.For(key.Kind);
        var byCode = current.ToDictionary(c => c.FieldCode, StringComparer.Ordinal);
        var ordered = definition.Fields.Where(f => byCode.ContainsKey(f.Code)).Select(f => byCode[f.Code])
            .Concat(current.Where(c => definition.Find(c.FieldCode) is null)).ToList();
        var readiness = InputReadinessService.Evaluate(key, byCode.Keys);
        return new InputsView(
            key.UnitCode,
            target.UnitName,
            key.KindName,
            key.PeriodCode,
            key.Period.Label,
            definition.Version,
            ordered.ToDictionary(c => c.FieldCode, c => c.Value, StringComparer.Ordinal),
            ordered.ToDictionary(c => c.FieldCode, c => new InputStamp(Utc(c.UpdatedAt), c.UpdatedBy), StringComparer.Ordinal),
            readiness.Missing.Select(f => new MissingInput(f.Code, f.Label)).ToList(),
            readiness.IsReady);
    }

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
}

/// <summary>The change history of one unit's inputs for one period, oldest first (GET …/history).</summary>
public sealed record InputsHistoryView(string Unit, string UnitName, string Kind, string Period, string PeriodLabel,
    IReadOnlyList<InputChangeView> Changes)
{
    public static InputsHistoryView Of(InputTarget target, IReadOnlyList<InputChange> changes)
    {
        var key = target.Key;
        var definition = InputDefinitions.For(key.Kind);
        return new InputsHistoryView(key.UnitCode, target.UnitName, key.KindName, key.PeriodCode, key.Period.Label,
            changes.Select(c => new InputChangeView(c.FieldCode, definition.Find(c.FieldCode)?.Label ?? c.FieldCode,
                c.OldValue, c.NewValue, c.Author, new DateTimeOffset(DateTime.SpecifyKind(c.ChangedAt, DateTimeKind.Utc)), c.Action)).ToList());
    }
}

/// <param name="Action">How the value was changed: edit (form or JSON), import (workbook), copy-forward, …</param>
public sealed record InputChangeView(string Field, string Label, string? OldValue, string? NewValue, string Author,
    DateTimeOffset At, string Action);

public sealed record InputStamp(DateTimeOffset At, string By);

public sealed record MissingInput(string Code, string Label);

/// <summary>400 for refused inputs: <c>INPUT_REJECTED</c> and one error per field (nothing was stored).</summary>
public sealed record InputsRejected(string Code, string Message, IReadOnlyList<InputFieldError> Errors)
{
    public static InputsRejected Of(IReadOnlyList<InputError> errors) => new(ErrorCodes.InputRejected,
        $"{errors.Count} giá trị không hợp lệ; chưa lưu giá trị nào. Sửa các trường được nêu rồi gửi lại.",
        errors.Select(e => new InputFieldError(e.FieldCode, e.Code, e.Message, e.Sheet, e.Row)).ToList());
}

/// <param name="Field">The field code (as sent, at most 64 characters).</param>
/// <param name="Sheet">For a workbook: the sheet and row of the value.</param>
public sealed record InputFieldError(string Field, string Code, string Message, string? Sheet = null, int? Row = null);

/// <summary>Reading what a client sends to the inputs routes: the JSON map of values, and an uploaded workbook.</summary>
public static class InputsBody
{
    /// <summary>More members than any definition has fields is not a form (the definition has about 35).</summary>
    public const int MaxMembers = 200;

    /// <summary>Inflated size an uploaded workbook may declare (a filled workbook is well under 1 MB inflated).</summary>
    public const long MaxInflatedBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Parses <c>{"I.2": "text", "CD_VAN_BAN_CHI_DAO": 12, "V": null}</c>: values are strings, numbers (taken as
    /// written) or null (clears the field). Anything else, or not an object, is API_JSON_MALFORMED. Returns the
    /// values and the per-field errors found without the definition's rules (a code given twice, an absurd code).
    /// </summary>
    public static (Dictionary<string, string?> Values, List<InputError> Errors) ParseValues(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (JsonException)
        {
            throw Malformed("không đọc được");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Malformed("nội dung phải là một đối tượng");
            }

            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            var errors = new List<InputError>();
            var members = 0;
            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (++members > MaxMembers)
                {
                    throw Malformed($"quá {MaxMembers} trường");
                }

                string name, code;
                string? value;
                try
                {
                    name = member.Name;
                    code = name.Length <= 64 ? name : name[..64] + "…";
                    value = member.Value.ValueKind switch
                    {
                        JsonValueKind.String => member.Value.GetString(),
                        JsonValueKind.Number => member.Value.GetRawText(),
                        JsonValueKind.Null => null,
                        _ => throw Malformed($"giá trị của \"{Shorten(name.Length <= 64 ? name : name[..64] + "…")}\" phải là chuỗi, số hoặc null"),
                    };
                }
                catch (InvalidOperationException)
                {
                    // "\udc00": an escaped unpaired surrogate is valid JSON but not Unicode text (it cannot be stored).
                    throw Malformed("có chuỗi chứa ký tự \\u không phải Unicode hợp lệ (nửa cặp surrogate)");
                }

                if (name.Length > 64)
                {
                    errors.Add(InputValidator.UnknownField(code));
                }
                else if (!values.TryAdd(code, value))
                {
                    errors.Add(new InputError(code, ErrorCodes.InputDuplicateField, $"Trường '{code}' xuất hiện nhiều lần."));
                }
            }

            return (values, errors);
        }
    }

    /// <summary>Every error the definition's rules find in <paramref name="values"/> (the store's own check, before it).</summary>
    public static List<InputError> Validate(IReadOnlyDictionary<string, string?> values)
    {
        var errors = new List<InputError>();
        foreach (var (code, raw) in values)
        {
            var field = InputDefinitions.Find(code);
            var error = field is null ? InputValidator.UnknownField(code) : InputValidator.Normalise(field, raw, out _);
            if (error is not null)
            {
                errors.Add(error);
            }
        }

        return errors;
    }

    /// <summary>
    /// The workbook in a request body already read: a multipart/form-data body's first file part (or the part
    /// named "file"), else the raw body. Checked to be a zip whose declared inflated size is sane (no zip bomb
    /// reaches ClosedXML). Throws a ReportingException for a body that is none of these.
    /// </summary>
    public static async Task<byte[]> WorkbookAsync(HttpRequest request, byte[] body, CancellationToken cancellationToken)
    {
        var bytes = body;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            bytes = await FilePartAsync(type, body, cancellationToken);
        }

        if (bytes.Length == 0)
        {
            throw new ReportingException(ErrorCodes.ApiFieldMissing, "Thiếu tệp sổ nhập liệu (.xlsx) trong nội dung yêu cầu.");
        }

        EnsureSaneZip(bytes);
        return bytes;
    }

    private static async Task<byte[]> FilePartAsync(MediaTypeHeaderValue type, byte[] body, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            throw new ReportingException(ErrorCodes.ApiBadRequest, "Nội dung multipart/form-data thiếu boundary hợp lệ.");
        }

        try
        {
            var reader = new MultipartReader(boundary, new MemoryStream(body));
            byte[]? first = null;
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                var isFile = disposition.FileName.HasValue || disposition.FileNameStar.HasValue;
                var named = HeaderUtilities.RemoveQuotes(disposition.Name).Equals("file", StringComparison.Ordinal);
                if (!isFile && !named)
                {
                    continue;
                }

                using var memory = new MemoryStream();
                await section.Body.CopyToAsync(memory, cancellationToken);
                if (named)
                {
                    return memory.ToArray();
                }

                first ??= memory.ToArray();
            }

            return first ?? [];
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            throw new ReportingException(ErrorCodes.ApiBadRequest, "Nội dung multipart/form-data không hợp lệ.");
        }
    }

    private static void EnsureSaneZip(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            if (zip.Entries.Count > 1000 || zip.Entries.Sum(e => e.Length) > MaxInflatedBytes)
            {
                throw new ReportingException(ErrorCodes.InputWorkbookInvalid,
                    "Tệp Excel quá lớn khi giải nén; sổ nhập liệu của hệ thống nhỏ hơn nhiều. Hãy tải lại sổ và điền lại.");
            }
        }
        catch (InvalidDataException)
        {
            throw new ReportingException(ErrorCodes.InputWorkbookInvalid, "Tệp tải lên không phải tệp Excel (.xlsx).");
        }
    }

    private static ReportingException Malformed(string detail) => new(ErrorCodes.ApiJsonMalformed,
        $"Nội dung không phải JSON hợp lệ theo mẫu ({detail}). Mẫu: {{\"I.2\": \"nội dung\", \"CD_VAN_BAN_CHI_DAO\": 12, \"V\": null}}.");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
