using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Api;

/// <summary>
/// Wiring for any host that serves the API (the <c>serve</c> verb, <see cref="ApiHost"/>): register with
/// <see cref="AddReportingApi"/> (a <see cref="Database.Warehouse"/> must be registered too), then
/// <see cref="UseReportingApi"/> before <see cref="ReportsApi.MapReportingApi"/>.
/// </summary>
public static class ReportingApiExtensions
{
    public static IServiceCollection AddReportingApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApiKeyStore>();
        services.TryAddSingleton<AdhocRequestStore>();
        services.TryAddSingleton<AdhocQueueSignal>();
        services.TryAddSingleton<AdhocCompletions>();
        services.TryAddSingleton(s => Inputs.UnitInputStore.For(s.GetRequiredService<Database.Warehouse>()));
        services.TryAddSingleton<InputsAccess>();
        services.TryAddSingleton<IAdhocReportProducer, StandInReportProducer>();
        services.TryAddSingleton<IArchiveSearch, StandInArchiveSearch>();
        services.TryAddSingleton<ITrackingSource, StandInTracking>();
        if (configuration.GetValue($"{ApiOptions.Section}:{nameof(ApiOptions.ProcessQueue)}", true))
        {
            services.AddHostedService<AdhocRequestProcessor>();
        }

        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ApiOptions>>((limiter, api) =>
        {
            var permits = api.Value.RequestsPerMinute;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Items[ApiCaller.Item] is ApiCaller caller
                    ? RateLimitPartition.GetFixedWindowLimiter(caller.Prefix, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = permits,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("no-key"));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return new ValueTask(new ApiError(ErrorCodes.ApiRateLimited,
                    $"Khóa này đã gửi quá {permits} yêu cầu trong một phút; xin thử lại sau.").WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests));
            };
        });
        return services;
    }

    /// <summary>Error mapping, audit log, key authentication and the per-key rate limit, in that order.</summary>
    public static IApplicationBuilder UseReportingApi(this IApplicationBuilder app)
    {
        // Only /api answers errors as {code, message}; the rest of the host (the Hangfire dashboard) keeps its own.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase),
            api =>
            {
                api.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = HandleExceptionAsync, StatusCodeSelector = StatusOf });
                api.UseStatusCodePages(HandleBareStatusAsync);
            });
        app.UseMiddleware<AuditLog>();
        app.UseMiddleware<ApiKeyAuthentication>();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// Bad input never ends as a 5xx: a ReportingException is the caller's 400, a malformed request Kestrel refused
    /// keeps its 4xx; only what is left is a 500, logged with its stack.
    /// </summary>
    private static async Task HandleExceptionAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var status = StatusOf(exception);
        var error = exception switch
        {
            ReportingException ex => ApiError.From(ex),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                new ApiError(ErrorCodes.ApiBodyTooLarge, "Nội dung yêu cầu quá lớn."),
            BadHttpRequestException => new ApiError(ErrorCodes.ApiBadRequest, "Yêu cầu HTTP không hợp lệ."),
            _ => new ApiError(ErrorCodes.ApiInternal, "Lỗi hệ thống; đã ghi nhật ký. Xin thử lại hoặc báo quản trị."),
        };
        if (status >= 500)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Reporting.Api")
                .LogError(exception, "Lỗi không lường trước khi xử lý {Method} {Path}.", context.Request.Method, context.Request.Path);
        }

        await error.WriteAsync(context, status);
    }

    /// <summary>
    /// An /api answer with a status and no body (no route matched, a method the route does not take) gets a code
    /// and a Vietnamese message like every other error.
    /// </summary>
    private static Task HandleBareStatusAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var error = status switch
        {
            StatusCodes.Status404NotFound => new ApiError(ErrorCodes.ApiRouteNotFound,
                "Không có đường dẫn API này; xem danh sách tại /api/openapi.json."),
            StatusCodes.Status405MethodNotAllowed => new ApiError(ErrorCodes.ApiMethodNotAllowed,
                $"Phương thức {(http.Request.Method.Length <= 16 ? http.Request.Method : "này")} không dùng được cho đường dẫn này; xem /api/openapi.json."),
            _ => new ApiError(ErrorCodes.ApiBadRequest, "Yêu cầu HTTP không hợp lệ."),
        };
        return error.WriteAsync(http, status);
    }

    private static int StatusOf(Exception? exception) => exception switch
    {
        ReportingException => StatusCodes.Status400BadRequest,
        BadHttpRequestException bad => bad.StatusCode,
        _ => StatusCodes.Status500InternalServerError,
    };
}
