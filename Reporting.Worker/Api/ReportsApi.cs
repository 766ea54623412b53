using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Reporting.Worker.Calendar;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Api;

/// <summary>
/// The HTTP API. Route table (every /api route but the description needs a key; roles in brackets):
/// <code>
/// POST /api/reports              request a report → 202 + Location   [department (own scope), home-affairs, admin]
/// GET  /api/reports              my unit's requests, paged           [department, home-affairs, admin]
/// GET  /api/reports/{id}         status and progress (404 outside scope)
/// GET  /api/reports/{id}/pdf     download the PDF
/// GET  /api/reports/{id}/xlsx    download the workbook
/// GET  /api/units                units this key may pick
/// GET  /api/archive              archive search ?period=&amp;unit=&amp;kind=&amp;state=   [archivist, admin]
/// GET  /api/archive/{id}/file    download an archive entry's file (audited with its id)   [archivist, admin]
/// GET  /api/tracking             who reported ?period=                  [home-affairs, admin]
/// GET  /api/inputs/definition   the unit inputs' fields ?kind=         [every role]
/// GET  /api/inputs/{unit}/{kind}/{period}              values + missing required   [department (own scope), home-affairs, archivist, admin]
/// PUT  /api/inputs/{unit}/{kind}/{period}              save a JSON map field → value  [department (own scope), home-affairs, admin]
/// GET  /api/inputs/{unit}/{kind}/{period}/history      every change, oldest first       [department (own scope), home-affairs, archivist, admin]
/// POST /api/inputs/{unit}/{kind}/{period}/copy-forward fill empty fields from the previous period  [same as PUT]
/// GET  /api/inputs/{unit}/{kind}/{period}/workbook     download the input workbook  [same as GET]
/// POST /api/inputs/{unit}/{kind}/{period}/workbook     upload it filled (raw or multipart)  [same as PUT]
/// GET  /api/openapi.json         this API described (no key)
/// GET  /  /app  /app/{asset}     the web page (no key; see WebPage.cs)
/// </code>
/// </summary>
public static partial class ReportsApi
{
    public static IEndpointRouteBuilder MapReportingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/reports", RequestReportAsync);
        api.MapGet("/reports", ListReportsAsync);
        api.MapGet("/reports/{id}", GetReportAsync);
        api.MapGet("/reports/{id}/pdf", (string id, ApiCaller caller, AdhocRequestStore store, IArchiveSearch archive, CancellationToken ct) =>
            DownloadAsync(id, "pdf", caller, store, archive, ct));
        api.MapGet("/reports/{id}/xlsx", (string id, ApiCaller caller, AdhocRequestStore store, IArchiveSearch archive, CancellationToken ct) =>
            DownloadAsync(id, "xlsx", caller, store, archive, ct));
        api.MapGet("/units", ListUnitsAsync);
        api.MapGet("/archive", SearchArchiveAsync);
        api.MapGet("/archive/{id}/file", DownloadArchiveFileAsync);
        api.MapGet("/tracking", TrackingAsync);
        api.MapGet("/inputs/definition", GetInputDefinition);
        api.MapGet("/inputs/{unit}/{kind}/{period}", GetInputsAsync);
        api.MapPut("/inputs/{unit}/{kind}/{period}", PutInputsAsync);
        api.MapGet("/inputs/{unit}/{kind}/{period}/history", GetInputsHistoryAsync);
        api.MapPost("/inputs/{unit}/{kind}/{period}/copy-forward", CopyInputsForwardAsync);
        api.MapGet("/inputs/{unit}/{kind}/{period}/workbook", DownloadInputWorkbookAsync);
        api.MapPost("/inputs/{unit}/{kind}/{period}/workbook", UploadInputWorkbookAsync);
        api.MapGet("/openapi.json", OpenApiDocument.Serve);
        app.MapReportingWebPage();
        return app;
    }

    public static async Task<Results<Accepted<ReportAccepted>, BadRequest<ApiError>, Forbidden, PayloadTooLarge>> RequestReportAsync(
        HttpContext http, ApiCaller caller, AdhocRequestStore store, AdhocQueueSignal signal, IOptions<ApiOptions> options,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (caller.Role == ApiRole.Archivist)
        {
            return ApiError.RoleForbidden(caller);
        }

        var limit = options.Value.MaxBodyBytes;
        var json = await RequestBody.ReadAsync(http.Request, limit, cancellationToken);
        if (json is null)
        {
            return new PayloadTooLarge(new ApiError(ErrorCodes.ApiBodyTooLarge, $"Nội dung yêu cầu vượt quá {limit} byte."));
        }

        RequestShape shape;
        UnitRow? unit;
        try
        {
            shape = ReportRequestBody.Parse(json).Check(options.Value.MaxWindowDays, CivilTime.DateOf(clock.GetUtcNow()));
            unit = await store.FindUnitAsync(shape.Unit, shape.Period.From, shape.Period.To, cancellationToken);
            if (unit is null)
            {
                return TypedResults.BadRequest(new ApiError(ErrorCodes.UnknownUnit,
                    $"Không có đơn vị mã '{Shorten(shape.Unit)}' trong khoảng thời gian yêu cầu."));
            }

            if (shape.Fields is { } fields && await store.UnknownFieldsAsync(fields, cancellationToken) is { Count: > 0 } unknown)
            {
                return TypedResults.BadRequest(new ApiError(ErrorCodes.ApiFieldUnknown,
                    $"Không có lĩnh vực mã {string.Join(", ", unknown.Take(5).Select(u => $"'{Shorten(u)}'"))}."));
            }
        }
        catch (ReportingException ex)
        {
            return TypedResults.BadRequest(ApiError.From(ex));
        }

        if (!caller.SeesAllUnits && !await store.InScopeAsync(caller.UnitCode, unit.Id, shape.Period.To, cancellationToken))
        {
            return new Forbidden(new ApiError(ErrorCodes.ApiOutOfScope,
                $"Khóa của đơn vị {caller.UnitCode} chỉ được yêu cầu báo cáo của đơn vị mình và các đơn vị trực thuộc."));
        }

        var id = Guid.NewGuid(); // random (v4), never sequential: an id says nothing about other requests
        await store.InsertAsync(id, caller, shape, unit.Code, shape.Hash(unit.Code), cancellationToken);
        http.Items[AuditLog.ReportIdItem] = id;
        signal.Notify();
        var location = $"/api/reports/{id}";
        return TypedResults.Accepted(location, new ReportAccepted(id, "queued", location));
    }

    public static async Task<Results<Ok<ReportPage>, BadRequest<ApiError>, Forbidden>> ListReportsAsync(
        ApiCaller caller, AdhocRequestStore store, string? page, string? pageSize, CancellationToken cancellationToken)
    {
        if (caller.Role == ApiRole.Archivist)
        {
            return ApiError.RoleForbidden(caller);
        }

        if (!TryPositive(page, 1, 100_000, out var p) || !TryPositive(pageSize, 20, 100, out var size))
        {
            return TypedResults.BadRequest(new ApiError(ErrorCodes.ApiPageInvalid,
                "Tham số page phải là số nguyên dương; pageSize từ 1 đến 100."));
        }

        var rows = await store.ListAsync(caller.UnitCode, size, (p - 1) * size, cancellationToken);
        return TypedResults.Ok(new ReportPage(rows.Select(ReportStatus.Of).ToList(), p, size, rows.Count > 0 ? rows[0].Total : 0));
    }

    /// <summary>Longest <c>?wait=</c> of the status (seconds).</summary>
    public const int MaxWaitSeconds = 30;

    public static async Task<Results<Ok<ReportStatus>, NotFound<ApiError>, BadRequest<ApiError>, Forbidden>> GetReportAsync(
        string id, string? wait, ApiCaller caller, AdhocRequestStore store, AdhocCompletions completions, IHostApplicationLifetime lifetime,
        CancellationToken cancellationToken)
    {
        if (caller.Role == ApiRole.Archivist)
        {
            return ApiError.RoleForbidden(caller);
        }

        if (!TryPositive(wait, 0, MaxWaitSeconds, out var seconds, minimum: 0))
        {
            return TypedResults.BadRequest(new ApiError(ErrorCodes.ApiWaitInvalid,
                $"Tham số wait phải là số giây nguyên từ 0 đến {MaxWaitSeconds}."));
        }

        // Not a well-formed id, not existing, another unit's: the same 404, so nothing leaks.
        if (!Guid.TryParse(id, out var guid))
        {
            return ApiError.ReportNotFound();
        }

        // ?wait=N: answer when the request is done or failed, or after N seconds, whichever comes first. Woken by
        // this process's answers; re-read at least every second for answers made by another process. A host that
        // stops answers its waiting requests at once (with the state so far) rather than holding its shutdown.
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var answered = completions.Next;
            var row = await store.GetVisibleAsync(guid, caller, cancellationToken);
            if (row is null)
            {
                return ApiError.ReportNotFound();
            }

            var left = deadline - DateTime.UtcNow;
            if (row.State is "done" or "failed" || left <= TimeSpan.Zero)
            {
                return TypedResults.Ok(ReportStatus.Of(row));
            }

            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
            try
            {
                await answered.WaitAsync(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1), waiting.Token);
            }
            catch (TimeoutException)
            {
                // look again
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                deadline = DateTime.UtcNow; // stopping: one last look, then answer
            }
        }
    }

    public static async Task<Results<FileContentHttpResult, NotFound<ApiError>, Conflict<ApiError>, Forbidden>> DownloadAsync(
        string id, string format, ApiCaller caller, AdhocRequestStore store, IArchiveSearch archive, CancellationToken cancellationToken)
    {
        if (caller.Role == ApiRole.Archivist)
        {
            return ApiError.RoleForbidden(caller);
        }

        var row = Guid.TryParse(id, out var guid) ? await store.GetVisibleAsync(guid, caller, cancellationToken) : null;
        if (row is null)
        {
            return ApiError.ReportNotFound();
        }

        if (row.State != "done" || row.ProductId is not { } productId)
        {
            return TypedResults.Conflict(new ApiError(ErrorCodes.ApiReportNotReady, row.State == "failed"
                ? $"Báo cáo không tạo được: {row.ErrorMessage}"
                : $"Báo cáo chưa xong (tiến độ {row.Progress}%); xin thử lại sau."));
        }

        var file = row.Formats.Contains(format) ? await store.GetFileAsync(productId, format, cancellationToken) : null;
        if (file is null)
        {
            return TypedResults.NotFound(new ApiError(ErrorCodes.ApiFileNotFound, $"Yêu cầu này không có tệp {format}."));
        }

        var content = file.Content ?? (file.ArchiveEntryId is { } entry ? (await archive.OpenAsync(entry, cancellationToken))?.Content : null);
        if (content is null)
        {
            return TypedResults.NotFound(new ApiError(ErrorCodes.ApiFileNotFound, $"Tệp {format} không còn trong lưu trữ."));
        }

        // Files are addressed by request id and format only; the stored name is just the download's name.
        return TypedResults.File(content, file.ContentType, file.FileName);
    }

    public static async Task<Results<Ok<IReadOnlyList<UnitListRow>>, BadRequest<ApiError>, Forbidden>> ListUnitsAsync(
        ApiCaller caller, AdhocRequestStore store, TimeProvider clock, string? on, CancellationToken cancellationToken)
    {
        if (caller.Role == ApiRole.Archivist)
        {
            return ApiError.RoleForbidden(caller);
        }

        var day = CivilTime.DateOf(clock.GetUtcNow());
        if (on is not null && !DateOnly.TryParseExact(on, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return TypedResults.BadRequest(new ApiError(ErrorCodes.BadPeriod, "Tham số on phải có dạng YYYY-MM-DD."));
        }

        return TypedResults.Ok(await store.UnitsVisibleAsync(caller, day, cancellationToken));
    }

    /// <summary>Archive entry states an archivist may filter on (<c>archive_entry.state</c>).</summary>
    public static readonly IReadOnlyList<string> ArchiveStates = ["draft", "awaiting_signature", "signed", "issued", "superseded"];

    public static async Task<Results<Ok<IReadOnlyList<ArchiveHit>>, BadRequest<ApiError>, Forbidden>> SearchArchiveAsync(
        ApiCaller caller, IArchiveSearch archive, string? period, string? unit, string? kind, string? state, CancellationToken cancellationToken)
    {
        if (caller.Role is not (ApiRole.Archivist or ApiRole.Admin))
        {
            return ApiError.RoleForbidden(caller);
        }

        try
        {
            if (kind is not null)
            {
                kind = Period.KindName(Period.ParseKind(Shorten(kind)));
            }
        }
        catch (ReportingException ex)
        {
            return TypedResults.BadRequest(ApiError.From(ex));
        }

        if (period?.Length > 40 || unit?.Length > 64)
        {
            return TypedResults.BadRequest(new ApiError(ErrorCodes.BadPeriod, "Tham số period hoặc unit quá dài."));
        }

        if (period is not null && !ReportRequestBody.IsPlainText(period))
        {
            return TypedResults.BadRequest(new ApiError(ErrorCodes.BadPeriod, "Tham số period có ký tự không hợp lệ."));
        }

        if (unit is not null && !ReportRequestBody.IsPlainText(unit))
        {
            return TypedResults.BadRequest(new ApiError(ErrorCodes.UnknownUnit, "Tham số unit có ký tự không hợp lệ."));
        }

        if (state is not null && !ArchiveStates.Contains(state))
        {
            return TypedResults.BadRequest(new ApiError(ErrorCodes.ApiArchiveStateInvalid,
                $"Trạng thái lưu trữ '{Shorten(state)}' không hợp lệ; dùng một trong: {string.Join(", ", ArchiveStates)}."));
        }

        return TypedResults.Ok(await archive.SearchAsync(new ArchiveQuery(period, unit, kind, State: state), cancellationToken));
    }

    public static async Task<Results<FileContentHttpResult, NotFound<ApiError>, Conflict<ApiError>, Forbidden>> DownloadArchiveFileAsync(
        string id, HttpContext http, ApiCaller caller, IArchiveSearch archive, CancellationToken cancellationToken)
    {
        if (caller.Role is not (ApiRole.Archivist or ApiRole.Admin))
        {
            return ApiError.RoleForbidden(caller);
        }

        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var entryId) || entryId <= 0)
        {
            return TypedResults.NotFound(new ApiError(ErrorCodes.ArchiveEntryNotFound, $"Không có mục lưu trữ '{Shorten(id)}'."));
        }

        http.Items[AuditLog.ArchiveEntryItem] = entryId;
        try
        {
            var content = await archive.OpenAsync(entryId, cancellationToken);
            return content is null
                ? TypedResults.NotFound(new ApiError(ErrorCodes.ArchiveEntryNotFound, $"Không có mục lưu trữ số {entryId}."))
                : TypedResults.File(content.Content, content.ContentType, content.FileName);
        }
        catch (ReportingException ex)
        {
            // The stored file is missing or no longer matches its hash: the archive's trouble, named, not served.
            return TypedResults.Conflict(ApiError.From(ex));
        }
    }

    public static async Task<Results<Ok<TrackingAnswer>, BadRequest<ApiError>, Forbidden>> TrackingAsync(
        ApiCaller caller, ITrackingSource tracking, string? period, CancellationToken cancellationToken)
    {
        if (!caller.SeesAllUnits)
        {
            return ApiError.RoleForbidden(caller);
        }

        try
        {
            var parsed = PeriodCodes.Infer(period ?? throw new ReportingException(ErrorCodes.ApiFieldMissing, "Thiếu tham số \"period\"."));
            return TypedResults.Ok(await tracking.GetAsync(parsed, cancellationToken));
        }
        catch (ReportingException ex)
        {
            return TypedResults.BadRequest(ApiError.From(ex));
        }
    }

    private static bool TryPositive(string? text, int fallback, int max, out int value, int minimum = 1)
    {
        value = fallback;
        return text is null || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= minimum && value <= max);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
