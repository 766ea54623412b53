using Hangfire;
using Reporting.Worker.Calendar;
using Reporting.Worker.Deliver;
using Reporting.Worker.Tracking;

namespace Reporting.Worker.Jobs;

/// <summary>
/// Thin recurring jobs of the deliver stage: the ledger's due retries every minute, and the reminders to units
/// that have not reported once a day at 07:00 Asia/Ho_Chi_Minh. Both are idempotent: the ledger and the reminder
/// table's unique keys make a second run (or a second server) send nothing twice.
/// </summary>
public sealed class DeliveryJobs(ReportDelivery delivery, TrackingServices tracking, TimeProvider time)
{
    public const string RetryId = "delivery:retry";
    public const string RemindersId = "delivery:reminders";

    [AutomaticRetry(Attempts = 0)]
    public Task RetryDueAsync(CancellationToken cancellationToken) => delivery.RunDueAsync(cancellationToken);

    [AutomaticRetry(Attempts = 0)]
    public Task SendRemindersAsync(CancellationToken cancellationToken) =>
        tracking.Reminders.SendDueRemindersAsync(time.GetUtcNow(), cancellationToken);

    public static void Register(IRecurringJobManager manager)
    {
        manager.AddOrUpdate<DeliveryJobs>(RetryId, j => j.RetryDueAsync(CancellationToken.None), Cron.Minutely(),
            new RecurringJobOptions { TimeZone = CivilTime.Zone });
        manager.AddOrUpdate<DeliveryJobs>(RemindersId, j => j.SendRemindersAsync(CancellationToken.None), "0 7 * * *",
            new RecurringJobOptions { TimeZone = CivilTime.Zone });
    }
}
