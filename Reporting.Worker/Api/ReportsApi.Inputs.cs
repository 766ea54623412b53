using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Reporting.Worker.Calendar;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Inputs;

namespace Reporting.Worker.Api;

/// <summary>
/// The unit inputs routes (docs/INPUTS.md, docs/API.md): the definition that drives the form, a unit's values and
/// missing required fields, saving a JSON map, copy-forward, and the input workbook down and up. Scope per
/// <see cref="InputsAccess"/>; every change is stored with the key's prefix and unit as its author.
/// </summary>
public static partial class ReportsApi
{
    public const string WorkbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static Results<Ok<InputDefinitionJson.DefinitionDto>, BadRequest<ApiError>> GetInputDefinition(string? kind)
    {
        try
        {
            var parsed = Period.ParseKind(Shorten(kind ?? throw new ReportingException(ErrorCodes.ApiFieldMissing, "Thiếu tham số \"kind\".")));
            return TypedResults.Ok(InputDefinitionJson.Describe(parsed));
        }
        catch (ReportingException ex)
        {
            return TypedResults.BadRequest(ApiError.From(ex));
        }
    }

    public static async Task<Results<Ok<InputsView>, BadRequest<ApiError>, Forbidden>> GetInputsAsync(
        HttpContext http, string unit, string kind, string period, ApiCaller caller, InputsAccess access, UnitInputStore store,
        CancellationToken cancellationToken)
    {
        var (target, bad, forbidden) = await access.ResolveAsync(unit, kind, period, caller, write: false, cancellationToken);
        if (target is null)
        {
            return forbidden is not null ? forbidden : TypedResults.BadRequest(bad!);
        }

        http.Items[AuditLog.SubjectItem] = target.Key.ToString();
        return TypedResults.Ok(InputsView.Of(target, await store.CurrentAsync(target.Key, cancellationToken)));
    }

    public static async Task<Results<Ok<InputsHistoryView>, BadRequest<ApiError>, Forbidden>> GetInputsHistoryAsync(
        HttpContext http, string unit, string kind, string period, ApiCaller caller, InputsAccess access, UnitInputStore store,
        CancellationToken cancellationToken)
    {
        var (target, bad, forbidden) = await access.ResolveAsync(unit, kind, period, caller, write: false, cancellationToken);
        if (target is null)
        {
            return forbidden is not null ? forbidden : TypedResults.BadRequest(bad!);
        }

        http.Items[AuditLog.SubjectItem] = target.Key.ToString();
        return TypedResults.Ok(InputsHistoryView.Of(target, await store.HistoryAsync(target.Key, cancellationToken)));
    }

    public static async Task<Results<Ok<InputsView>, BadRequest<ApiError>, BadRequest<InputsRejected>, Forbidden, PayloadTooLarge>> PutInputsAsync(
        HttpContext http, string unit, string kind, string period, ApiCaller caller, InputsAccess access, UnitInputStore store,
        IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var (target, bad, forbidden) = await access.ResolveAsync(unit, kind, period, caller, write: true, cancellationToken);
        if (target is null)
        {
            return forbidden is not null ? forbidden : TypedResults.BadRequest(bad!);
        }

        http.Items[AuditLog.SubjectItem] = target.Key.ToString();
        var limit = options.Value.MaxInputsBodyBytes;
        var json = await RequestBody.ReadAsync(http.Request, limit, cancellationToken);
        if (json is null)
        {
            return new PayloadTooLarge(new ApiError(ErrorCodes.ApiBodyTooLarge, $"Nội dung yêu cầu vượt quá {limit} byte."));
        }

        Dictionary<string, string?> values;
        List<InputError> errors;
        try
        {
            (values, errors) = InputsBody.ParseValues(json);
        }
        catch (ReportingException ex)
        {
            return TypedResults.BadRequest(ApiError.From(ex));
        }

        // All or nothing, and every problem at once: the form shows each next to its field.
        errors.AddRange(InputsBody.Validate(values));
        if (errors.Count > 0)
        {
            return TypedResults.BadRequest(InputsRejected.Of(errors));
        }

        var outcome = await store.SaveAsync(target.Key, values, InputsAccess.AuthorOf(caller), InputAction.Edit, cancellationToken);
        if (!outcome.Accepted)
        {
            return TypedResults.BadRequest(InputsRejected.Of(outcome.Errors));
        }

        return TypedResults.Ok(InputsView.Of(target, await store.CurrentAsync(target.Key, cancellationToken)) with { Changed = outcome.Changed });
    }

    public static async Task<Results<Ok<InputsView>, BadRequest<ApiError>, Forbidden>> CopyInputsForwardAsync(
        HttpContext http, string unit, string kind, string period, ApiCaller caller, InputsAccess access, UnitInputStore store,
        CancellationToken cancellationToken)
    {
        var (target, bad, forbidden) = await access.ResolveAsync(unit, kind, period, caller, write: true, cancellationToken);
        if (target is null)
        {
            return forbidden is not null ? forbidden : TypedResults.BadRequest(bad!);
        }

        http.Items[AuditLog.SubjectItem] = target.Key.ToString();
        CopyForwardOutcome outcome;
        try
        {
            outcome = await store.CopyForwardAsync(target.Key, InputsAccess.AuthorOf(caller), cancellationToken);
        }
        catch (ReportingException ex)
        {
            return TypedResults.BadRequest(ApiError.From(ex));
        }

        return TypedResults.Ok(InputsView.Of(target, await store.CurrentAsync(target.Key, cancellationToken))
            with { Changed = outcome.Copied, CopiedFrom = outcome.FromPeriod });
    }

    public static async Task<Results<FileContentHttpResult, BadRequest<ApiError>, Forbidden>> DownloadInputWorkbookAsync(
        HttpContext http, string unit, string kind, string period, ApiCaller caller, InputsAccess access, UnitInputStore store,
        CancellationToken cancellationToken)
    {
        var (target, bad, forbidden) = await access.ResolveAsync(unit, kind, period, caller, write: false, cancellationToken);
        if (target is null)
        {
            return forbidden is not null ? forbidden : TypedResults.BadRequest(bad!);
        }

        http.Items[AuditLog.SubjectItem] = target.Key.ToString();
        var values = await store.ValuesAsync(target.Key, cancellationToken);
        using var book = new MemoryStream();
        InputWorkbook.Write(target.Key, target.UnitName, values, book);
        return TypedResults.File(book.ToArray(), WorkbookContentType, WorkbookFileName(target.Key));
    }

    public static async Task<Results<Ok<InputsView>, BadRequest<ApiError>, BadRequest<InputsRejected>, Forbidden, PayloadTooLarge>> UploadInputWorkbookAsync(
        HttpContext http, string unit, string kind, string period, ApiCaller caller, InputsAccess access, UnitInputStore store,
        IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var (target, bad, forbidden) = await access.ResolveAsync(unit, kind, period, caller, write: true, cancellationToken);
        if (target is null)
        {
            return forbidden is not null ? forbidden : TypedResults.BadRequest(bad!);
        }

        http.Items[AuditLog.SubjectItem] = target.Key.ToString();
        var limit = options.Value.MaxWorkbookBytes;
        var body = await RequestBody.ReadBytesAsync(http.Request, limit, cancellationToken);
        if (body is null)
        {
            return new PayloadTooLarge(new ApiError(ErrorCodes.ApiBodyTooLarge, $"Tệp tải lên vượt quá {limit} byte."));
        }

        InputWorkbookContent content;
        try
        {
            await using var file = new MemoryStream(await InputsBody.WorkbookAsync(http.Request, body, cancellationToken));
            content = InputWorkbook.Read(file);
        }
        catch (ReportingException ex)
        {
            return TypedResults.BadRequest(ApiError.From(ex));
        }

        // The workbook says whose it is (_meta); it must be the one this route names, or a department could write
        // another unit's inputs through its own route.
        if (content.Key != target.Key)
        {
            return TypedResults.BadRequest(new ApiError(ErrorCodes.InputWorkbookMismatch,
                $"Sổ nhập liệu này là của {content.Key}, không phải của {target.Key}. Hãy tải sổ của đúng đơn vị và kỳ."));
        }

        if (content.Errors.Count > 0)
        {
            return TypedResults.BadRequest(InputsRejected.Of(content.Errors));
        }

        var outcome = await store.SaveAsync(target.Key, content.Values, InputsAccess.AuthorOf(caller), InputAction.Import, cancellationToken);
        if (!outcome.Accepted)
        {
            return TypedResults.BadRequest(InputsRejected.Of(outcome.Errors));
        }

        List<string> warnings = content.DefinitionVersion == InputDefinitions.Version ? [] :
            [$"Sổ được tạo theo mẫu {content.DefinitionVersion}, mẫu hiện hành là {InputDefinitions.Version}; các trường được đọc theo mã."];
        return TypedResults.Ok(InputsView.Of(target, await store.CurrentAsync(target.Key, cancellationToken))
            with { Changed = outcome.Changed, Warnings = warnings.Count > 0 ? warnings : null });
    }

    /// <summary>"nhap-lieu_A_quarter_2026-Q3.xlsx": from checked codes only, never from free text.</summary>
    public static string WorkbookFileName(UnitInputKey key) => $"nhap-lieu_{key.UnitCode}_{key.KindName}_{key.PeriodCode}.xlsx";
}
