using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Api;

/// <summary>Every error answer: a stable code (Diagnostics/ErrorCodes.cs) and a Vietnamese message.</summary>
public sealed record ApiError(string Code, string Message)
{
    public static ApiError From(ReportingException ex) => new(ex.Code, ex.Message);

    /// <summary>Writes the error as the whole response (middleware paths: 401, 413, 429, 500).</summary>
    public Task WriteAsync(HttpContext context, int statusCode)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(this, ApiJson.Options), context.RequestAborted);
    }

    public static NotFound<ApiError> ReportNotFound() => TypedResults.NotFound(new ApiError(ErrorCodes.ApiReportNotFound,
        "Không tìm thấy yêu cầu báo cáo này."));

    public static Forbidden RoleForbidden(ApiCaller caller) => new(new ApiError(ErrorCodes.ApiRoleForbidden,
        $"Khóa có vai trò '{ApiCaller.RoleName(caller.Role)}' không được dùng chức năng này."));
}

/// <summary>403 with an <see cref="ApiError"/> body (the framework's Forbid needs an authentication scheme).</summary>
public sealed class Forbidden(ApiError error) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ApiError>, IEndpointMetadataProvider
{
    public int? StatusCode => StatusCodes.Status403Forbidden;

    public ApiError Value => error;

    object? IValueHttpResult.Value => error;

    public Task ExecuteAsync(HttpContext httpContext) => error.WriteAsync(httpContext, StatusCodes.Status403Forbidden);

    public static void PopulateMetadata(System.Reflection.MethodInfo method, Microsoft.AspNetCore.Builder.EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ApiError), ["application/json"]));
}

/// <summary>413 with an <see cref="ApiError"/> body.</summary>
public sealed class PayloadTooLarge(ApiError error) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ApiError>, IEndpointMetadataProvider
{
    public int? StatusCode => StatusCodes.Status413PayloadTooLarge;

    public ApiError Value => error;

    object? IValueHttpResult.Value => error;

    public Task ExecuteAsync(HttpContext httpContext) => error.WriteAsync(httpContext, StatusCodes.Status413PayloadTooLarge);

    public static void PopulateMetadata(System.Reflection.MethodInfo method, Microsoft.AspNetCore.Builder.EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status413PayloadTooLarge, typeof(ApiError), ["application/json"]));
}

/// <summary>JSON on the wire: camelCase, Vietnamese letters unescaped, nulls left out.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>For request bodies: as <see cref="Options"/>, and a member the API does not know is an error.</summary>
    public static JsonSerializerOptions Strict { get; } = new(Options)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,

        // {"unit":"A","unit":"B"}: parsers disagree which one counts (a proxy may check the first), so neither does.
        AllowDuplicateProperties = false,
    };

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        options.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        return options;
    }
}
