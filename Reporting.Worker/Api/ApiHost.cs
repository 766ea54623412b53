using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reporting.Worker.Database;

namespace Reporting.Worker.Api;

/// <summary>
/// A host for the API alone, used by the API tests; <c>serve</c> (WorkerHost) makes the same three calls
/// (<see cref="ReportingApiExtensions.AddReportingApi"/>, <see cref="ReportingApiExtensions.UseReportingApi"/>,
/// <see cref="ReportsApi.MapReportingApi"/>) beside Hangfire. Listens on loopback only; port 0 picks a free port.
/// </summary>
public static class ApiHost
{
    public static WebApplication Build(
        Warehouse warehouse, IConfiguration configuration, int port, Action<IServiceCollection>? configureServices = null, Action<WebApplication>? configureApp = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(ApiHost).Assembly.GetName().Name });
        builder.Configuration.AddConfiguration(configuration);
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(warehouse);
        configureServices?.Invoke(builder.Services);
        builder.Services.AddReportingApi(builder.Configuration);

        var app = builder.Build();
        app.UseReportingApi();
        app.MapReportingApi();
        configureApp?.Invoke(app);
        return app;
    }

    /// <summary>The address the started host listens on (http://127.0.0.1:PORT).</summary>
    public static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
