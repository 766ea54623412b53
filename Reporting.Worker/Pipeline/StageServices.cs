using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Reporting.Templates.Pdf;
using Reporting.Templates.Rendering;
using Reporting.Worker.Archive;
using Reporting.Worker.Calendar;
using Reporting.Worker.Extract;
using Reporting.Worker.Inputs;
using Reporting.Worker.Model;
using Reporting.Worker.Cli;
using Reporting.Worker.Database;
using Reporting.Worker.Deliver;
using Reporting.Worker.Sign;
using Reporting.Worker.Tracking;

namespace Reporting.Worker.Pipeline;

/// <summary>
/// The real stages, in flow order, registered before <see cref="PipelineServices.AddReportingPipeline"/> so its
/// TryAdd keeps the stand-ins out. <c>Pipeline:Stages = stand-in</c> skips them: the spine's own tests run on the
/// stand-ins on purpose (fast, no certificate, no mail server).
/// </summary>
public static class StageServices
{
    public static bool UseStandIns(IConfiguration configuration) =>
        string.Equals(configuration["Pipeline:Stages"], "stand-in", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddReportingStages(this IServiceCollection services, IConfiguration configuration, ReportingSettings settings, Warehouse warehouse)
    {
        if (UseStandIns(configuration))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);

        // Extract and model: the warehouse figures and the unit's own inputs; the gate that keeps an official
        // draft from going out for signature while required inputs are missing (Inputs:OfficialWhenMissing).
        services.TryAddSingleton(_ => new UnitInputStore(warehouse.DataSource));
        services.TryAddSingleton<IReportDataSource>(s => new ReportDataWithInputs(
            new WarehouseReportDataSource(warehouse.DataSource, CalendarOptions.From(configuration), configuration, s.GetRequiredService<TimeProvider>()),
            s.GetRequiredService<UnitInputStore>()));
        services.TryAddSingleton(_ => new InputsGate(new InputReadinessService(warehouse.DataSource), InputOptions.From(configuration)));

        // Render: one Chromium for the process (a new page per document, two at a time), the official templates.
        services.TryAddSingleton(_ => new ChromiumPdfPrinter());
        services.TryAddSingleton<IReportRenderer>(s => new ReportRenderer(s.GetRequiredService<ChromiumPdfPrinter>()));

        // Sign: the system's technical integrity signature. The key is loaded on first use, so a missing
        // certificate fails the reports that need it (a permanent failure naming the file), not the host.
        var signing = SigningOptions.From(configuration, settings.DataDirectory);
        services.TryAddSingleton(signing);
        services.TryAddSingleton<IReportSigner>(_ => new LazySystemSigner(signing));

        // Archive: content-addressed files plus append-only rows.
        var archive = ArchiveOptions.From(configuration, settings.DataDirectory);
        services.TryAddSingleton(_ => PdfSignatureVerifier.FromDirectory(signing.TrustedCaDirectory));
        services.TryAddSingleton(s => new ArchiveStore(warehouse.DataSource, new ContentStore(archive.Directory), s.GetRequiredService<PdfSignatureVerifier>()));
        services.TryAddSingleton<IReportArchive>(s => s.GetRequiredService<ArchiveStore>());

        // Deliver: the ledger-backed e-mail and file drop.
        services.TryAddSingleton(DeliveryOptions.From(configuration));
        services.TryAddSingleton(s => new ReportDelivery(warehouse.DataSource, s.GetRequiredService<DeliveryOptions>(), s.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IReportDelivery>(s => s.GetRequiredService<ReportDelivery>());
        services.TryAddSingleton(s => new TrackingServices(warehouse.DataSource, s.GetRequiredService<DeliveryOptions>(), s.GetRequiredService<TimeProvider>(),
            new CalendarDueDates(CalendarOptions.From(configuration))));
        return services;
    }

    /// <summary>A container with the real stages and the pipeline (CLI verbs that run without a server).</summary>
    public static ServiceProvider BuildPipeline(IConfiguration configuration, ReportingSettings settings, Warehouse warehouse) =>
        new ServiceCollection()
            .AddReportingStages(configuration, settings, warehouse)
            .AddReportingPipeline(configuration, settings, warehouse)
            .BuildServiceProvider();
}

/// <summary>The system signer, with its key loaded once, on the first report that needs it.</summary>
internal sealed class LazySystemSigner(SigningOptions options) : IReportSigner, IDisposable
{
    private readonly Lazy<(PdfSigner Signer, SigningCertificate Key)> _signer = new(() => SystemSigner.Create(options));

    public Task<byte[]> SignAsync(byte[] pdf, ReportVersion version, CancellationToken cancellationToken) =>
        _signer.Value.Signer.SignAsync(pdf, version, cancellationToken);

    public void Dispose()
    {
        if (_signer.IsValueCreated)
        {
            _signer.Value.Key.Dispose();
        }
    }
}

/// <summary>
/// Releases an imported, officially signed report to distribution by resuming its pipeline run. A draft that no
/// pipeline version stands behind (archived by hand or by another tool) has nothing to resume: it stays issued
/// in the archive and is not sent.
/// </summary>
internal sealed class PipelineRelease(ReportPipeline pipeline, RunStore runs) : IIssuedReportRelease
{
    public async Task ReleaseAsync(ArchiveEntry issued, byte[] signedPdf, CancellationToken cancellationToken)
    {
        if (await runs.VersionAsync(issued.ReportVersionId, cancellationToken) is not null)
        {
            await pipeline.ResumeAfterSignatureAsync(issued.ReportVersionId, signedPdf, cancellationToken);
        }
    }
}
