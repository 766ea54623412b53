using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reporting.Worker.Api;
using Reporting.Worker.Cli;
using Reporting.Worker.Database;
using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Jobs;

/// <summary>
/// The <c>serve</c> host: Hangfire server and dashboard, the HTTP API and the clerks' page in one WebApplication, on
/// <c>Serve:Urls</c> (default http://127.0.0.1:5080). At start: the recurring jobs are reconciled with the
/// schedule and runs whose enqueue a crash interrupted are enqueued again.
/// </summary>
public static class WorkerHost
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <param name="configure">Last changes to the services before the host is built (the bench verbs wrap the stages
    /// with timers).</param>
    public static WebApplication Build(IConfiguration configuration, ReportingSettings settings, Warehouse warehouse, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        var urls = configuration["Serve:Urls"] ?? DefaultUrls;
        builder.WebHost.UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries));
        builder.Services.AddReportingStages(configuration, settings, warehouse);
        builder.Services.AddReportingPipeline(configuration, settings, warehouse);
        if (!StageServices.UseStandIns(configuration))
        {
            builder.Services.AddSingleton<Api.ITrackingSource, Tracking.ApiTrackingSource>();
            builder.Services.AddSingleton<IAdhocReportProducer, PipelineReportProducer>();
            builder.Services.AddSingleton<IArchiveSearch>(s => new Archive.ArchiveEntrySearch(warehouse.DataSource, s.GetRequiredService<Archive.ArchiveStore>()));
        }

        builder.Services.AddReportingApi(configuration);
        builder.Services.AddSingleton(ReportingSchedule.From(configuration));
        builder.Services.AddTransient<UnitJob>();
        builder.Services.AddTransient<CycleJob>();
        builder.Services.AddTransient<DeliveryJobs>();
        builder.Services.AddHangfire(c => c.UseReportingStorage(warehouse.ConnectionString, configuration));
        builder.Services.AddHangfireServer(o =>
        {
            o.WorkerCount = int.TryParse(configuration["Hangfire:Workers"], out var n) ? n : 2;
            o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            o.ShutdownTimeout = TimeSpan.FromSeconds(30);
        });

        configure?.Invoke(builder.Services);
        var app = builder.Build();
        var access = new DashboardAccess(LoopbackOnly(urls), configuration["Serve:AdminKey"]);
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [access],
            IsReadOnlyFunc = access.IsReadOnly,
            DisplayStorageConnectionString = false,
            DashboardTitle = "Reporting: báo cáo CCHC",
            AppPath = null,
        });
        app.UseReportingApi();
        app.MapReportingApi();
        return app;
    }

    /// <summary>Start-up work before the server takes jobs: schedule reconcile and interrupted enqueues.</summary>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken ct)
    {
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        // A serve process killed (kill -9, power loss) while Hangfire's recurring scheduler held one of its
        // per-job locks leaves that lock row behind until Hangfire:DistributedLockTimeoutSeconds (600 s) expires it.
        // Updating that recurring job then times out; that must not stop the restarted server (a crash loop for ten
        // minutes with the cycle's jobs waiting): the stored definition stays in force and the next start updates it.
        WithoutStaleLock(services, () => services.GetRequiredService<ReportingSchedule>().Reconcile(recurring, services.GetRequiredService<JobStorage>()));
        if (services.GetService<Deliver.ReportDelivery>() is not null)
        {
            WithoutStaleLock(services, () => DeliveryJobs.Register(recurring));
        }
        else
        {
            WithoutStaleLock(services, () =>
            {
                recurring.RemoveIfExists(DeliveryJobs.RetryId);
                recurring.RemoveIfExists(DeliveryJobs.RemindersId);
            });
        }
        var store = services.GetRequiredService<RunStore>();
        var jobs = services.GetRequiredService<IBackgroundJobClient>();
        foreach (var runId in await store.UnqueuedRunsAsync(ct))
        {
            var jobId = jobs.Enqueue<UnitJob>(j => j.RunAsync(runId, null, CancellationToken.None));
            await store.SetRunJobAsync(runId, jobId, ct);
        }

        foreach (var cycle in await store.UnfinishedCyclesAsync(ct))
        {
            if (cycle.ConsolidationClaimed && cycle.ConsolidationJobId is null)
            {
                await UnitJob.EnqueueConsolidationAsync(store, jobs, cycle.Id, ct);
            }
        }
    }

    private static void WithoutStaleLock(IServiceProvider services, Action update)
    {
        try
        {
            update();
        }
        catch (Exception ex) when (ex is Hangfire.PostgreSql.PostgreSqlDistributedLockException or Hangfire.Storage.DistributedLockTimeoutException)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WorkerHost)).LogWarning(
                "Chưa cập nhật được lịch định kỳ (khóa của một tiến trình đã dừng đột ngột còn giữ): dùng lịch đã lưu. {Message}", ex.Message);
        }
    }

    public static bool LoopbackOnly(string urls) => urls.Split(';', StringSplitOptions.RemoveEmptyEntries).All(u =>
        Uri.TryCreate(u.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && (uri.Host is "localhost" || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip))));
}
