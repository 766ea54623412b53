using Microsoft.Extensions.Configuration;
using Npgsql;
using Reporting.Worker.Calendar;
using Reporting.Worker.Deliver;

namespace Reporting.Worker.Tracking;

/// <summary>
/// Wiring for the deliver and track stages in one place (the host and the CLI call this). Tracking reads every
/// unit's progress from the worker's report runs (<see cref="RunStatusSource"/>: draft, awaiting signature,
/// issued), the archive (<see cref="ArchiveStatusSource"/>: awaiting signature, issued) and the delivery ledger
/// (<see cref="DeliveryLedgerStatusSource"/>: issued, delivered), keeping the furthest; due dates come from the
/// reporting calendar (<see cref="CalendarDueDates"/>). <paramref name="moreSources"/> adds to them.
/// </summary>
public sealed class TrackingServices
{
    public TrackingServices(NpgsqlDataSource dataSource, DeliveryOptions options, TimeProvider? time = null, IDueDateSource? dueDates = null, params IReportStatusSource[] moreSources)
    {
        DueDates = dueDates ?? new CalendarDueDates(CalendarOptions.Default);
        Statuses = new CombinedStatusSource([
            new RunStatusSource(dataSource), new ArchiveStatusSource(dataSource), new DeliveryLedgerStatusSource(dataSource), .. moreSources]);
        Delivery = new ReportDelivery(dataSource, options, time);
        Tracker = new SubmissionTracker(dataSource, Statuses, DueDates);
        Reminders = new Reminders(dataSource, options, Tracker, DueDates);
    }

    /// <summary>From configuration: the <c>Delivery</c> section and the calendar's due dates (<c>Calendar:Deadlines</c>).</summary>
    public static TrackingServices From(NpgsqlDataSource dataSource, IConfiguration configuration, TimeProvider? time = null) =>
        new(dataSource, DeliveryOptions.From(configuration), time, new CalendarDueDates(CalendarOptions.From(configuration)));

    public IDueDateSource DueDates { get; }

    public IReportStatusSource Statuses { get; }

    public ReportDelivery Delivery { get; }

    public SubmissionTracker Tracker { get; }

    public Reminders Reminders { get; }
}
