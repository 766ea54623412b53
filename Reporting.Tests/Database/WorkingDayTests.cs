using Dapper;
using Reporting.Tests.Fixtures;

namespace Reporting.Tests.Database;

public sealed class WorkingDayTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task AddWorkingDays_SkipsWeekendsAndHolidays_AndCountsACompensatorySaturday()
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            insert into calendar_day (day, kind, name) values
              ('2031-04-30', 'holiday', 'Ngày Chiến thắng'),
              ('2031-05-01', 'holiday', 'Quốc tế Lao động'),
              ('2031-05-10', 'working_day', 'Làm bù')
            on conflict do nothing
            """);
        // Tue 2031-04-29 + 1 working day: Wed 30/4 and Thu 1/5 are holidays -> Fri 2/5.
        Assert.Equal(new DateTime(2031, 5, 2), await connection.ExecuteScalarAsync<DateTime>("select add_working_days('2031-04-29', 1)"));
        // Fri 2031-05-09 + 1: Saturday 10/5 is a compensatory working day.
        Assert.Equal(new DateTime(2031, 5, 10), await connection.ExecuteScalarAsync<DateTime>("select add_working_days('2031-05-09', 1)"));
        // Sat 2031-05-17 + 0: the next working day, Mon 19/5.
        Assert.Equal(new DateTime(2031, 5, 19), await connection.ExecuteScalarAsync<DateTime>("select add_working_days('2031-05-17', 0)"));
    }
}
