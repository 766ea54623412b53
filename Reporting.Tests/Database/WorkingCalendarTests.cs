using Dapper;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Calendar;

namespace Reporting.Tests.Database;

public sealed class WorkingCalendarTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task SeededHolidays_MoveADeadlineOverTet2026()
    {
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        // Fri 13/02/2026 + 1 working day: 16–20/02 are Tết holidays -> Mon 23/02.
        Assert.Equal(new DateTime(2026, 2, 23), await c.ExecuteScalarAsync<DateTime>("select add_working_days('2026-02-13', 1)"));
        Assert.True(await c.ExecuteScalarAsync<long>("select count(*) from calendar_day where day between '2022-01-01' and '2027-12-31'") >= 60);
    }

    [Fact]
    public async Task CSharpCalendar_AgreesWithTheSqlFunction_OverEveryDayOf2025()
    {
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        var calendar = await WorkingCalendar.LoadAsync(c, new DateOnly(2024, 1, 1), new DateOnly(2027, 12, 31), CancellationToken.None);
        var sql = (await c.QueryAsync<(DateTime Day, DateTime Plus0, DateTime Plus7)>("""
            select d::date, add_working_days(d::date, 0), add_working_days(d::date, 7)
            from generate_series('2025-01-01'::date, '2025-12-31'::date, interval '1 day') d
            """)).ToList();
        Assert.Equal(365, sql.Count);
        foreach (var (day, plus0, plus7) in sql)
        {
            var d = DateOnly.FromDateTime(day);
            Assert.Equal(DateOnly.FromDateTime(plus0), calendar.AddWorkingDays(d, 0));
            Assert.Equal(DateOnly.FromDateTime(plus7), calendar.AddWorkingDays(d, 7));
        }
    }
}
