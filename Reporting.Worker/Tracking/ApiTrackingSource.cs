using Reporting.Worker.Api;
using Reporting.Worker.Calendar;

namespace Reporting.Worker.Tracking;

/// <summary>
/// The tracking stage behind the HTTP API's <see cref="ITrackingSource"/> (replacing its StandInTracking): a unit
/// has reported once an issued version exists; ReportedAt is when it reached Sở Nội vụ. To switch, register
/// <c>services.AddSingleton&lt;ITrackingSource, ApiTrackingSource&gt;()</c> with a <see cref="TrackingServices"/>.
/// </summary>
public sealed class ApiTrackingSource(TrackingServices services, TimeProvider time) : ITrackingSource
{
    public async Task<TrackingAnswer> GetAsync(Period period, CancellationToken cancellationToken)
    {
        var report = await services.Tracker.BuildAsync(period.Kind, period.Code, time.GetUtcNow(), cancellationToken);
        return new TrackingAnswer(period.Code, period.Label,
            report.Units.Select(u => new Api.TrackingRow(u.UnitCode, u.UnitName, u.HasReported, u.Status.DeliveredAt)).ToList());
    }
}
