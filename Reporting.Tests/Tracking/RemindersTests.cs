using Reporting.Templates.Model;
using Reporting.Tests.Deliver;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Calendar;
using Reporting.Worker.Deliver;
using Reporting.Worker.Pipeline;
using Reporting.Worker.Tracking;

namespace Reporting.Tests.Tracking;

public sealed class RemindersTests(DatabaseFixture database, SmtpServerFixture smtp)
    : IClassFixture<DatabaseFixture>, IClassFixture<SmtpServerFixture>
{
    private static DateTimeOffset On(int month, int day, int hour = 8) => CivilTime.StartOf(new DateOnly(2026, month, day)).AddHours(hour);

    private List<string> ReminderIds() => smtp.Server.Messages()
        .Select(m => m.MessageId ?? "")
        .Where(id => id.StartsWith("rm-", StringComparison.Ordinal))
        .ToList();

    [Fact]
    public async Task SendDueReminders_SendsOneEmailPerStep_ToUnitsThatHaveNotReported_HoweverOftenItRuns()
    {
        await TrackingTestData.SeedAsync(database.Database.DataSource);
        var clock = new ManualClock(On(11, 27));
        var options = DeliveryTestData.Options(smtp.Server);
        options.ReminderDays = [7, 3, 1];
        var services = new TrackingServices(database.Database.DataSource, options, clock);
        // Expected for 2026: SNV, STP, SXD, X-VH, and X-CT (no mailbox: cannot be reminded). Due 5 December.

        Assert.Equal(0, await services.Reminders.SendDueRemindersAsync(On(11, 27), CancellationToken.None)); // 8 days left: no step yet
        Assert.Equal(4, await services.Reminders.SendDueRemindersAsync(On(11, 28), CancellationToken.None)); // step 7
        Assert.Equal(0, await services.Reminders.SendDueRemindersAsync(On(11, 28, 15), CancellationToken.None));
        Assert.Equal(0, await services.Reminders.SendDueRemindersAsync(On(11, 30), CancellationToken.None)); // between steps

        // STP reports on 1 December: it is not reminded again.
        clock.Set(On(12, 1));
        var version = new ReportVersion(77_001, new ReportKey(ReportKind.Annual, "2026", "STP"), 1, "STP", 4, "BC-STP", new DateOnly(2026, 12, 1), "ab", "t1", SigningPolicy.System);
        await services.Delivery.DeliverAsync(version, [new DeliveredFile("a.pdf", "application/pdf", "%PDF-1.4"u8.ToArray())], CancellationToken.None);

        Assert.Equal(3, await services.Reminders.SendDueRemindersAsync(On(12, 2), CancellationToken.None)); // step 3
        Assert.Equal(0, await services.Reminders.SendDueRemindersAsync(On(12, 2, 20), CancellationToken.None));
        Assert.Equal(3, await services.Reminders.SendDueRemindersAsync(On(12, 5), CancellationToken.None)); // step 1, missed run on 4/12
        Assert.Equal(0, await services.Reminders.SendDueRemindersAsync(On(12, 6), CancellationToken.None)); // past due: no more

        var ids = ReminderIds().Where(id => id.StartsWith("rm-annual.", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count()); // each Message-ID exactly once
        var entries = (await Reminders.ListAsync(database.Database.DataSource, CancellationToken.None)).Where(e => e.Kind == "annual").ToList();
        Assert.Equal(
            ["SNV:1", "SNV:3", "SNV:7", "STP:7", "SXD:1", "SXD:3", "SXD:7", "X-VH:1", "X-VH:3", "X-VH:7"],
            entries.Select(e => $"{e.UnitCode}:{e.StepDays}").Order(StringComparer.Ordinal));
        Assert.All(entries, e => Assert.Equal("sent", e.State));

        var toSxd = smtp.Server.Messages().Where(m => m.To.Mailboxes.Single().Address == "vanthu@sxd.angiang.gov.vn" && (m.MessageId ?? "").StartsWith("rm-", StringComparison.Ordinal)).ToList();
        Assert.Equal("Nhắc hạn gửi Báo cáo kết quả thực hiện công tác CCHC năm 2026 - hạn 05/12/2026", toSxd[0].Subject);
        Assert.Contains("ngày 05 tháng 12 năm 2026 (còn 7 ngày)", toSxd[0].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendDueReminders_WhenTheServerRefusesForAWhile_RetriesWithoutSendingTwice()
    {
        await TrackingTestData.SeedAsync(database.Database.DataSource);
        var options = DeliveryTestData.Options(smtp.Server);
        options.ReminderDays = [7];
        options.ReminderKinds = ["nine-months"]; // 2026-9M: window ends 14/09, due 19/09
        var services = new TrackingServices(database.Database.DataSource, options);
        await smtp.Server.CommandAsync("tempfail 2");

        var first = await services.Reminders.SendDueRemindersAsync(On(9, 13), CancellationToken.None);
        var second = await services.Reminders.SendDueRemindersAsync(On(9, 13, 9), CancellationToken.None); // back-off: 60 s, 1 h later is due

        Assert.Equal((2, 2), (first, second));
        var nineMonths = ReminderIds().Where(id => id.StartsWith("rm-nine-months.", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, nineMonths.Count);
        Assert.Equal(4, nineMonths.Distinct().Count());
    }
}
