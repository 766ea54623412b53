using Npgsql;
using Reporting.Worker.Deliver;

namespace Reporting.Worker.Tracking;

/// <summary>
/// Wiring for the deliver and track stages in one place (the host and the CLI call this). Until the worker and
/// archive branches provide their status sources, tracking knows Issued and Delivered from the delivery ledger;
/// pass theirs in <paramref name="moreSources"/>.
/// </summary>
public sealed class TrackingServices
{
    public TrackingServices(NpgsqlDataSource dataSource, DeliveryOptions options, TimeProvider? time = null, IDueDateSource? dueDates = null, params IReportStatusSource[] moreSources)
    {
        DueDates = dueDates ?? new ConfiguredDueDates(options.DueDates);
        Statuses = new CombinedStatusSource([new DeliveryLedgerStatusSource(dataSource), .. moreSources]);
        Delivery = new ReportDelivery(dataSource, options, time);
        Tracker = new SubmissionTracker(dataSource, Statuses, DueDates);
        Reminders = new Reminders(dataSource, options, Tracker, DueDates);
    }

    public IDueDateSource DueDates { get; }

    public IReportStatusSource Statuses { get; }

    public ReportDelivery Delivery { get; }

    public SubmissionTracker Tracker { get; }

    public Reminders Reminders { get; }
}
