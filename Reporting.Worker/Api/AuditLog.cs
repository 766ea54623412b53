using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Reporting.Worker.Database;

namespace Reporting.Worker.Api;

/// <summary>
/// Writes one api_audit row per /api request (downloads included): who (key prefix, unit, role, when a key was
/// valid), what (method, route pattern, report id, archive entry id, or a subject such as the inputs'
/// unit/kind/period), when, and the status answered. The row is written as the
/// response starts, so the caller never sees an answer whose audit row is missing.
/// </summary>
public sealed class AuditLog(RequestDelegate next, ILogger<AuditLog> logger)
{
    /// <summary>Handlers that create a report put its id here (it is not in the route).</summary>
    public const string ReportIdItem = "reporting.api.report";

    /// <summary>Handlers that serve an archive entry put its id here.</summary>
    public const string ArchiveEntryItem = "reporting.api.archive-entry";

    /// <summary>Handlers that read or change something that is not a report put what here ("A/quarter/2026-Q3").</summary>
    public const string SubjectItem = "reporting.api.subject";

    public async Task InvokeAsync(HttpContext context, Warehouse warehouse)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        context.Response.OnStarting(() => WriteAsync(context, warehouse));
        await next(context);
    }

    private async Task WriteAsync(HttpContext context, Warehouse warehouse)
    {
        var caller = context.Items[ApiCaller.Item] as ApiCaller;
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
        var reportId = context.Items[ReportIdItem] as Guid?
            ?? (Guid.TryParse(context.GetRouteValue("id") as string, out var id) ? id : null);
        try
        {
            await using var connection = await warehouse.OpenConnectionAsync(CancellationToken.None);
            await connection.ExecuteAsync(SqlFiles.Get("queries/api/audit_insert"), new
            {
                key_prefix = caller?.Prefix,
                unit_code = caller?.UnitCode,
                role = caller is null ? null : ApiCaller.RoleName(caller.Role),
                method = context.Request.Method.Length <= 16 ? context.Request.Method : context.Request.Method[..16],
                route = route.Length <= 200 ? route : route[..200],
                report_id = reportId,
                archive_entry_id = context.Items[ArchiveEntryItem] as long?,
                subject = context.Items[SubjectItem] as string,
                status_code = context.Response.StatusCode,
            });
        }
        catch (Exception ex)
        {
            // The answer still goes out; a lost audit row is an operator's alarm, not the caller's error.
            logger.LogError(ex, "Không ghi được nhật ký truy cập API cho {Method} {Route}.", context.Request.Method, route);
        }
    }
}
