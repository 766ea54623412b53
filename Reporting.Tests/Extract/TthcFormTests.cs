using Reporting.Templates.Model;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Calendar;
using Reporting.Worker.Extract;
using static Reporting.Tests.Extract.MiniUnit;

namespace Reporting.Tests.Extract;

/// <summary>Given these rows, expect these figures: every column of the form, on both paths, March 2026.</summary>
public sealed class TthcFormTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const short Direct = 1, Online = 2, Postal = 3;
    private static readonly DateTimeOffset Now = Local(2026, 11, 23, 10);

    [Fact]
    public async Task EveryColumn_CountsExactlyTheDossiersItsDefinitionNames()
    {
        var u = await MiniUnit.CreateAsync(fixture.Database.DataSource, "FORM");
        await MiniUnit.InsertAsync(fixture.Database.DataSource,
            u.Dossier("01-carried-open-within", Direct, Local(2026, 2, 20), Local(2026, 4, 5)),
            u.Dossier("02-carried-open-overdue", Direct, Local(2026, 2, 20), Local(2026, 3, 31, 17)),
            u.Dossier("03-first-instant-online-early", Online, Local(2026, 3, 1), Local(2026, 3, 12), Local(2026, 3, 10, 10)),
            u.Dossier("04-last-second-direct-open", Direct, Local(2026, 3, 31, 23, 59, 59), Local(2026, 4, 10)),
            u.Dossier("05-next-midnight-not-counted", Direct, Local(2026, 4, 1), Local(2026, 4, 10)),
            u.Dossier("06-carried-on-time-same-day", Postal, Local(2026, 2, 28, 23, 59, 59), Local(2026, 3, 5), Local(2026, 3, 5, 23, 59, 59)),
            u.Dossier("07-postal-late-by-a-second", Postal, Local(2026, 3, 2), Local(2026, 3, 19, 23, 59, 59), Local(2026, 3, 20)),
            u.Dossier("08-online-withdrawn", Online, Local(2026, 3, 3), Local(2026, 3, 10), ended: Local(2026, 3, 4), state: "withdrawn"),
            u.Dossier("09-direct-stopped-last-second", Direct, Local(2026, 3, 3), Local(2026, 3, 10), ended: Local(2026, 3, 31, 23, 59, 59), state: "stopped"),
            u.Dossier("10-refused-after-end-is-open", Direct, Local(2026, 3, 3), Local(2026, 4, 1), ended: Local(2026, 4, 1), state: "refused"),
            u.Dossier("11-closed-before-start", Direct, Local(2026, 2, 1), Local(2026, 2, 10), Local(2026, 2, 28, 23, 59, 59)),
            u.Dossier("12-carried-resolved-at-start-early", Direct, Local(2026, 2, 1), Local(2026, 3, 2), Local(2026, 3, 1)),
            u.Dossier("13-utc-next-midnight", Direct, new DateTimeOffset(2026, 3, 31, 17, 0, 0, TimeSpan.Zero), Local(2026, 4, 10)),
            u.Dossier("14-utc-last-second-overdue", Direct, new DateTimeOffset(2026, 3, 31, 16, 59, 59, TimeSpan.Zero), Local(2026, 3, 31)),
            u.Dossier("15-refused-in-window", Online, Local(2026, 3, 6), Local(2026, 3, 9), ended: Local(2026, 3, 6, 9), state: "refused"),
            u.Dossier("16-due-stored-as-midnight-same-day", Direct, Local(2026, 3, 9, 10), Local(2026, 3, 9), Local(2026, 3, 9, 15)));

        var window = ReportWindow.For(Period.Parse(ReportKind.Adhoc, "2026-03-01..2026-03-31"), null, Now);
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        await TthcExtract.RefreshRollupAsync(c, CancellationToken.None);
        foreach (var rows in new[]
        {
            await TthcExtract.LiveAsync(c, window, [u.AgencyId], CancellationToken.None),
            await TthcExtract.RollupAsync(c, window, [u.AgencyId], CancellationToken.None),
        })
        {
            var row = Assert.Single(rows);
            var f = row.Figures;
            Assert.Equal(3, f.ReceivedOnline);        // 03, 08, 15
            Assert.Equal(5, f.ReceivedDirect);        // 04, 09, 10, 14, 16
            Assert.Equal(1, f.ReceivedPostal);        // 07
            Assert.Equal(4, f.CarriedOver);           // 01, 02, 06, 12
            Assert.Equal(13, f.ReceivedTotal);
            Assert.Equal(2, f.ResolvedEarly);         // 03, 12
            Assert.Equal(2, f.ResolvedOnTime);        // 06, 16
            Assert.Equal(1, f.ResolvedLate);          // 07
            Assert.Equal(3, f.InProgressWithinLimit); // 01, 04, 10
            Assert.Equal(2, f.InProgressOverdue);     // 02, 14
            Assert.Equal(1, f.Withdrawn);             // 08
            Assert.Equal(1, f.Stopped);               // 09
            Assert.Equal(1, f.Refused);               // 15
            Assert.True(f.Balances);
            Assert.Equal((13L, 5L, 5L, 3L), (row.ReceivedTotal, row.ResolvedTotal, row.InProgressTotal, row.EndedTotal));
            Assert.Equal(80.00m, f.CchcOnTimeRate.Percent);
            var rate766 = Reporting.Worker.Model.ReportModelBuilder.Decision766OnTime(f);
            Assert.Equal((7L, 10L), (rate766.Numerator, rate766.Denominator)); // (2 + 2 + 3) / (5 + 5)
            Assert.Equal(70.00m, rate766.Percent);
        }
    }

    [Fact]
    public async Task InProgress_AtAClockInsideADay_SplitsWithinLimitAndOverdue_OnTheRollupPathAsLive()
    {
        // E = the clock, 20/03 10:00: the rollup path reads E's own day live (rows due the day before it leave
        // "within the limit" at its midnight; rows closed on it before E leave at their close), the rest from rollups.
        var u = await MiniUnit.CreateAsync(fixture.Database.DataSource, "EDAY");
        await MiniUnit.InsertAsync(fixture.Database.DataSource,
            u.Dossier("a-due-eve-closed-on-e-day", Direct, Local(2026, 3, 2), Local(2026, 3, 19, 17), Local(2026, 3, 20, 9)),
            u.Dossier("b-due-eve-open", Direct, Local(2026, 3, 2), Local(2026, 3, 19, 17)),
            u.Dossier("c-due-on-e-day-closed-before-e", Direct, Local(2026, 3, 2), Local(2026, 3, 20, 8), Local(2026, 3, 20, 9, 30)),
            u.Dossier("d-due-on-e-day-open", Direct, Local(2026, 3, 2), Local(2026, 3, 20, 17)),
            u.Dossier("e-received-on-e-day", Direct, Local(2026, 3, 20, 8), Local(2026, 3, 25)),
            u.Dossier("g-carried-closed-on-e-day", Direct, Local(2026, 2, 10), Local(2026, 2, 20), Local(2026, 3, 20, 9)),
            u.Dossier("h-due-on-receipt-day-eve", Direct, Local(2026, 3, 19, 16), Local(2026, 3, 19, 17)));

        var clock = Local(2026, 3, 20, 10);
        var window = ReportWindow.For(Period.Parse(ReportKind.Adhoc, "2026-03-01..2026-03-31"), null, clock);
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        await TthcExtract.RefreshRollupAsync(c, CancellationToken.None);
        foreach (var rows in new[]
        {
            await TthcExtract.LiveAsync(c, window, [u.AgencyId], CancellationToken.None),
            await TthcExtract.RollupAsync(c, window, [u.AgencyId], CancellationToken.None),
        })
        {
            var f = Assert.Single(rows).Figures;
            Assert.Equal(6, f.ReceivedDirect);         // a, b, c, d, e, h
            Assert.Equal(1, f.CarriedOver);            // g
            Assert.Equal(1, f.ResolvedOnTime);         // c
            Assert.Equal(2, f.ResolvedLate);           // a, g
            Assert.Equal(2, f.InProgressWithinLimit);  // d, e
            Assert.Equal(2, f.InProgressOverdue);      // b, h
        }
    }

    [Fact]
    public async Task DataAsOf_CutsTheWindow_AndOverdueIsJudgedOnThatDay()
    {
        var u = await MiniUnit.CreateAsync(fixture.Database.DataSource, "ASOF");
        await MiniUnit.InsertAsync(fixture.Database.DataSource,
            u.Dossier("a-due-on-cut-day", Direct, Local(2026, 3, 2), Local(2026, 3, 15, 8)),
            u.Dossier("b-due-day-before", Direct, Local(2026, 3, 2), Local(2026, 3, 14, 23)),
            u.Dossier("c-finished-after-cut", Online, Local(2026, 3, 3), Local(2026, 3, 20), Local(2026, 3, 16, 9)),
            u.Dossier("d-received-after-cut", Online, Local(2026, 3, 16), Local(2026, 3, 20)));

        // Data as of the end of 15 March: E = 16/03 00:00 local.
        var window = ReportWindow.For(Period.Parse(ReportKind.Adhoc, "2026-03-01..2026-03-31"), ReportWindow.EndOfDay(new DateOnly(2026, 3, 15)), Now);
        Assert.Equal(Local(2026, 3, 16), window.End);
        Assert.Equal(new DateOnly(2026, 3, 15), window.LastDay);
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        await TthcExtract.RefreshRollupAsync(c, CancellationToken.None);
        foreach (var rows in new[]
        {
            await TthcExtract.LiveAsync(c, window, [u.AgencyId], CancellationToken.None),
            await TthcExtract.RollupAsync(c, window, [u.AgencyId], CancellationToken.None),
        })
        {
            var f = Assert.Single(rows).Figures;
            Assert.Equal((1L, 2L), (f.ReceivedOnline, f.ReceivedDirect));
            Assert.Equal(0, f.ResolvedTotal);
            Assert.Equal(2, f.InProgressOverdue);     // a, b: their due days (15/03, 14/03) had fully passed by E
            Assert.Equal(1, f.InProgressWithinLimit); // c: due 20/03, finished only on 16/03
        }
    }
}
