using System.Globalization;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Configuration;

namespace Reporting.Worker.Jobs;

/// <summary>
/// Hangfire.PostgreSql in its own schema ("hangfire") of the warehouse database. Sliding invisibility keeps a
/// fetched job invisible for as long as its worker is alive (a report may take minutes), so a live job is never
/// fetched twice; a dead worker's job becomes visible again after <c>Hangfire:InvisibilityTimeoutSeconds</c>.
/// Long polling (LISTEN/NOTIFY) picks up a job enqueued by another process in milliseconds instead of up to 15 s.
/// Distributed locks are not renewed by this storage, so no job relies on them: exclusivity is a database fact.
/// </summary>
public static class HangfireStorage
{
    public const string Schema = "hangfire";

    public static PostgreSqlStorageOptions Options(IConfiguration configuration) => new()
    {
        SchemaName = Schema,
        PrepareSchemaIfNecessary = true,
        UseSlidingInvisibilityTimeout = true,
        EnableLongPolling = true,
        // A worker that died holds its job this long before another worker takes it over.
        InvisibilityTimeout = TimeSpan.FromSeconds(Seconds(configuration, "Hangfire:InvisibilityTimeoutSeconds", 300)),
        // Only Hangfire's own short internal locks (recurring and delayed-job schedulers, schema), held for a
        // pass of milliseconds; a lock row older than this is a dead process's and is taken over. Long enough for
        // any pass, short enough that a serve killed while holding one (kill -9) does not stall the restarted
        // server's retries and recurring jobs for long (it was 600 s).
        DistributedLockTimeout = TimeSpan.FromSeconds(Seconds(configuration, "Hangfire:DistributedLockTimeoutSeconds", 60)),
        QueuePollInterval = TimeSpan.FromSeconds(Seconds(configuration, "Hangfire:QueuePollIntervalSeconds", 15)),
    };

    public static IGlobalConfiguration UseReportingStorage(this IGlobalConfiguration configuration, string connectionString, IConfiguration settings) =>
        configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), Options(settings));

    private static double Seconds(IConfiguration configuration, string key, double fallback) =>
        double.TryParse(configuration[key], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : fallback;
}
