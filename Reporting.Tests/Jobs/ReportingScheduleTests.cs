using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage;
using Microsoft.Extensions.Configuration;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Jobs;

namespace Reporting.Tests.Jobs;

public sealed class ReportingScheduleTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static ReportingSchedule Schedule(Dictionary<string, string?> settings) =>
        ReportingSchedule.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Theory]
    [InlineData("2026-11-29", null)]
    [InlineData("2026-11-30", "2026")]
    [InlineData("2026-12-05", "2026")]
    [InlineData("2026-12-06", null)]
    public void AnnualCycle_StartsInTheDaysBeforeTheUnitsDueDate(string today, string? period) =>
        Assert.Equal(period, Schedule([]).PeriodDue("annual", DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void QuarterCycle_PicksTheQuarterWhoseDueDateIsNear() =>
        Assert.Equal("2026-Q3", Schedule(new() { ["Schedule:quarter:DaysBeforeDue"] = "10" }).PeriodDue("quarter", new DateOnly(2026, 9, 12)));

    [Fact]
    public void Reconcile_RegistersStableIds_AndRemovesKindsNoLongerScheduled()
    {
        var options = HangfireStorage.Options(new ConfigurationBuilder().Build());
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(fixture.Database.ConnectionString, options), options);
        var manager = new RecurringJobManager(storage);

        Schedule([]).Reconcile(manager, storage);
        Assert.Equal(["cycle:annual", "cycle:half", "cycle:nine-months", "cycle:quarter"], Ids(storage));

        Schedule(new() { ["Schedule:quarter:Enabled"] = "false", ["Schedule:half:Enabled"] = "false", ["Schedule:annual:Cron"] = "0 7 1 12 *" })
            .Reconcile(manager, storage);
        Assert.Equal(["cycle:annual", "cycle:nine-months"], Ids(storage));
        using var connection = storage.GetConnection();
        var annual = connection.GetRecurringJobs().Single(j => j.Id == "cycle:annual");
        Assert.Equal("0 7 1 12 *", annual.Cron);
        Assert.Equal("Asia/Ho_Chi_Minh", annual.TimeZoneId);

        var bad = Assert.Throws<ReportingException>(() => Schedule(new() { ["Schedule:annual:Cron"] = "every day" }).Reconcile(manager, storage));
        Assert.Equal(ErrorCodes.BadSchedule, bad.Code);
    }

    private static string[] Ids(JobStorage storage)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs().Select(j => j.Id).Order(StringComparer.Ordinal).ToArray();
    }
}
