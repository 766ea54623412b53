using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Reporting.Templates.Rendering;
using Reporting.Worker.Cli;
using Reporting.Worker.Database;
using Reporting.Worker.Pipeline.StandIns;

namespace Reporting.Worker.Pipeline;

/// <summary>
/// The pipeline's services. Stages are registered with TryAdd, so a real implementation registered before this
/// call (extracts, templates, archive, delivery) replaces its stand-in without touching the pipeline.
/// </summary>
public static class PipelineServices
{
    public static IServiceCollection AddReportingPipeline(this IServiceCollection services, IConfiguration configuration, ReportingSettings settings, Warehouse warehouse)
    {
        services.TryAddSingleton(warehouse);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(PipelineOptions.From(configuration));
        services.TryAddSingleton<RunStore>();
        services.TryAddSingleton<IReportDataSource>(s => new CountDataSource(s.GetRequiredService<Warehouse>(), s.GetRequiredService<TimeProvider>(),
            (configuration["StandIns:FailUnits"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal)));
        services.TryAddSingleton<IReportRenderer>(_ => new MinimalRenderer(int.TryParse(configuration["StandIns:RenderDelayMs"], out var ms) ? ms : 0));
        services.TryAddSingleton<IReportSigner, PassThroughSigner>();
        services.TryAddSingleton<IReportArchive>(_ => new DirectoryArchive(settings.OutputDirectory));
        services.TryAddSingleton<IReportDelivery>(_ => new FileDelivery(settings.OutputDirectory));
        services.TryAddSingleton<ReportPipeline>();
        services.TryAddSingleton<CycleRunner>();
        return services;
    }

    /// <summary>A container with the pipeline alone (CLI verbs that run without a server).</summary>
    public static ServiceProvider Build(IConfiguration configuration, ReportingSettings settings, Warehouse warehouse) =>
        new ServiceCollection().AddReportingPipeline(configuration, settings, warehouse).BuildServiceProvider();
}
