using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Templates.Rendering;
using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Bench;

/// <summary>
/// Where a cycle's time goes: each stage service is wrapped so the time spent inside it is summed per stage (the
/// run rows keep only start and end). Time outside the stages (version and run bookkeeping) is the rest of the wall.
/// </summary>
public sealed class StageClock
{
    private readonly ConcurrentDictionary<string, (long Ticks, int Calls)> _stages = new();

    public IReadOnlyList<(string Stage, double Seconds, int Calls)> Totals =>
        [.. _stages.Select(s => (s.Key, (double)s.Value.Ticks / Stopwatch.Frequency, s.Value.Calls)).OrderByDescending(s => s.Item2)];

    public async Task<T> TimeAsync<T>(string stage, Func<Task<T>> action)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await action();
        }
        finally
        {
            var elapsed = Stopwatch.GetTimestamp() - start;
            _stages.AddOrUpdate(stage, (elapsed, 1), (_, v) => (v.Ticks + elapsed, v.Calls + 1));
        }
    }

    /// <summary>Wraps the registered stage services of the container with timing decorators.</summary>
    public IServiceCollection Wrap(IServiceCollection services)
    {
        Decorate<IReportDataSource>(services, inner => new TimedDataSource(inner, this));
        Decorate<IReportRenderer>(services, inner => new TimedRenderer(inner, this));
        Decorate<IReportSigner>(services, inner => new TimedSigner(inner, this));
        Decorate<IReportArchive>(services, inner => new TimedArchive(inner, this));
        Decorate<IReportDelivery>(services, inner => new TimedDelivery(inner, this));
        return services;
    }

    private static void Decorate<T>(IServiceCollection services, Func<T, T> wrap)
        where T : class
    {
        var descriptor = services.Last(d => d.ServiceType == typeof(T));
        services.Remove(descriptor);
        services.AddSingleton(s =>
        {
            var inner = descriptor.ImplementationInstance as T
                ?? descriptor.ImplementationFactory?.Invoke(s) as T
                ?? (T)ActivatorUtilities.CreateInstance(s, descriptor.ImplementationType!);
            return wrap(inner);
        });
    }

    private sealed class TimedDataSource(IReportDataSource inner, StageClock clock) : IReportDataSource
    {
        public Task<ReportData> LoadAsync(ReportRequest request, CancellationToken cancellationToken) =>
            clock.TimeAsync("trích xuất (extract)", () => inner.LoadAsync(request, cancellationToken));
    }

    private sealed class TimedRenderer(IReportRenderer inner, StageClock clock) : IReportRenderer
    {
        public Task<RenderedReport> RenderAsync(Templates.Model.ReportModel model, CancellationToken cancellationToken) =>
            clock.TimeAsync("kết xuất PDF+XLSX (render)", () => inner.RenderAsync(model, cancellationToken));
    }

    private sealed class TimedSigner(IReportSigner inner, StageClock clock) : IReportSigner
    {
        public Task<byte[]> SignAsync(byte[] pdf, ReportVersion version, CancellationToken cancellationToken) =>
            clock.TimeAsync("ký (sign)", () => inner.SignAsync(pdf, version, cancellationToken));
    }

    private sealed class TimedArchive(IReportArchive inner, StageClock clock) : IReportArchive
    {
        public Task<ArchivedFile> StoreAsync(ReportVersion version, ArchiveRole role, byte[] content, CancellationToken cancellationToken) =>
            clock.TimeAsync("lưu trữ (archive)", () => inner.StoreAsync(version, role, content, cancellationToken));

        public Task<byte[]?> ReadAsync(ReportVersion version, ArchiveRole role, CancellationToken cancellationToken) =>
            inner.ReadAsync(version, role, cancellationToken);
    }

    private sealed class TimedDelivery(IReportDelivery inner, StageClock clock) : IReportDelivery
    {
        public Task<DeliveryOutcome> DeliverAsync(ReportVersion version, IReadOnlyList<DeliveredFile> files, CancellationToken cancellationToken) =>
            clock.TimeAsync("gửi SMTP (deliver)", () => inner.DeliverAsync(version, files, cancellationToken));
    }
}
