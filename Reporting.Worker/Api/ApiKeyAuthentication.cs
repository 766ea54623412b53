using Microsoft.AspNetCore.Http;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Api;

/// <summary>
/// Every /api route but the OpenAPI description needs a key: <c>Authorization: Bearer &lt;key&gt;</c> or
/// <c>X-Api-Key: &lt;key&gt;</c>. No key or an unknown/revoked one answers 401 here; roles and scope are the
/// handlers' business (403/404).
/// </summary>
public sealed class ApiKeyAuthentication(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ApiKeyStore keys)
    {
        if (!NeedsKey(context.Request.Path))
        {
            await next(context);
            return;
        }

        var token = TokenOf(context.Request);
        if (token is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await new ApiError(ErrorCodes.ApiKeyMissing,
                "Thiếu khóa API: gửi tiêu đề 'Authorization: Bearer <khóa>' hoặc 'X-Api-Key: <khóa>'.").WriteAsync(context, StatusCodes.Status401Unauthorized);
            return;
        }

        var caller = await keys.AuthenticateAsync(token, context.RequestAborted);
        if (caller is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await new ApiError(ErrorCodes.ApiKeyUnknown, "Khóa API không đúng hoặc đã bị thu hồi.").WriteAsync(context, StatusCodes.Status401Unauthorized);
            return;
        }

        context.Items[ApiCaller.Item] = caller;
        await next(context);
    }

    public static bool NeedsKey(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !path.Equals("/api/openapi.json", StringComparison.OrdinalIgnoreCase);

    private static string? TokenOf(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization["Bearer ".Length..].Trim();
            return token.Length == 0 ? null : token;
        }

        var header = request.Headers["X-Api-Key"].ToString().Trim();
        return header.Length == 0 ? null : header;
    }
}
