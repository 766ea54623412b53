using Dapper;
using Reporting.Templates.Model;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Calendar;
using Reporting.Worker.Extract;

namespace Reporting.Tests.Extract;

/// <summary>
/// The monthly rollup follows every kind of change (insert, update, delete, a procedure moved to another field)
/// through the dirty-month marks, and after a refresh the rollup path equals the live path for every window.
/// </summary>
public sealed class RollupTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly (ReportKind Kind, string Code, WindowRule Rule)[] Windows =
    [
        (ReportKind.Annual, "2025", WindowRule.Decree09CutOff),
        (ReportKind.Annual, "2026", WindowRule.Decree09CutOff),
        (ReportKind.Quarter, "2025-Q3", WindowRule.Decree09CutOff),
        (ReportKind.Half, "2026-H1", WindowRule.Calendar),
    ];

    [Fact]
    public async Task AfterEachChangeAndARefresh_RollupPathEqualsLivePath()
    {
        var db = fixture.Database.DataSource;
        var p = await SyntheticProvince.CreateAsync(db, seed: 7, dossiers: 2500);
        await using var c = await db.OpenConnectionAsync();
        Assert.True(await TthcExtract.RollupPendingAsync(c, CancellationToken.None));
        Assert.True(await TthcExtract.RefreshRollupAsync(c, CancellationToken.None) > 12);
        Assert.False(await TthcExtract.RollupPendingAsync(c, CancellationToken.None));
        await AssertAgreeAsync("after load");

        string[] changes =
        [
            // finish some open dossiers, withdraw others
            "update dossier set finished_at = received_at + interval '4 days', state = 'resolved' where state = 'in_progress' and id % 3 = 0 and received_at < '2026-11-01'",
            "update dossier set ended_at = received_at + interval '1 day', state = 'withdrawn' where state = 'in_progress' and id % 3 = 1 and received_at < '2026-11-01'",
            // move a receipt across a month boundary and a due date across a day
            "update dossier set received_at = received_at - interval '20 days' where id % 17 = 0",
            "update dossier set due_at = due_at + interval '1 day' where id % 13 = 0",
            // move appointments of open dossiers weeks ahead: the day they stop being "not yet due" ([12]) moves to a
            // month that no receipt or close of theirs touches
            "update dossier set due_at = due_at + interval '45 days' where closed_at is null and id % 5 = 0",
            "delete from dossier where id % 29 = 0",
            "insert into dossier (code, procedure_id, receiving_agency_id, deciding_agency_id, channel, received_at, due_at, finished_at, ended_at, state) " +
            "select code || '-copy', procedure_id, receiving_agency_id, deciding_agency_id, channel, received_at + interval '33 days', due_at + interval '33 days', " +
            "finished_at + interval '33 days', ended_at + interval '33 days', state from dossier where id % 11 = 0 and received_at < '2026-10-01'",
            "update procedure set field_id = (select min(id) from field) where code = '1.000002'",
        ];
        foreach (var change in changes)
        {
            await c.ExecuteAsync(change);
            Assert.True(await TthcExtract.RollupPendingAsync(c, CancellationToken.None), change);
            await TthcExtract.RefreshRollupAsync(c, CancellationToken.None);
            await AssertAgreeAsync(change);
        }

        async Task AssertAgreeAsync(string step)
        {
            foreach (var (kind, code, rule) in Windows)
            {
                foreach (var unit in new[] { null, new[] { p.Agency["C3"] }, new[] { p.Agency["AG-SNV"], p.Agency["AG-SNV-TT"] } })
                {
                    var window = ReportWindow.For(Period.Parse(kind, code, rule), null, SyntheticProvince.Now);
                    var live = await TthcExtract.LiveAsync(c, window, unit, CancellationToken.None);
                    var rollup = await TthcExtract.RollupAsync(c, window, unit, CancellationToken.None);
                    Assert.True(live.Count > 0);
                    Assert.True(live.SequenceEqual(rollup), $"{step}: {kind} {code} differs");
                }
            }
        }
    }

    [Fact]
    public async Task ExtractRunner_RefreshesTheRollupItself_SoFreshRowsCountAtOnce()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var db = database.DataSource;
        var p = await SyntheticProvince.CreateAsync(db, seed: 3, dossiers: 800);
        await using var c = await db.OpenConnectionAsync();
        await TthcExtract.RefreshRollupAsync(c, CancellationToken.None);
        await c.ExecuteAsync("update dossier set finished_at = received_at + interval '2 days', state = 'resolved' where state = 'in_progress' and received_at < '2026-10-01'");
        Assert.True(await TthcExtract.RollupPendingAsync(c, CancellationToken.None));

        var directory = await AgencyDirectory.LoadAsync(c, CancellationToken.None);
        var window = ReportWindow.For(Period.Parse(ReportKind.Annual, "2026"), null, SyntheticProvince.Now);
        var results = await ExtractRunner.RunAsync(db, directory, "province", window, CancellationToken.None);
        var live = await TthcExtract.LiveAsync(c, window, null, CancellationToken.None);
        Assert.True(live.Count > 0);
        Assert.True(live.SequenceEqual(results.Rows));
        Assert.False(await TthcExtract.RollupPendingAsync(c, CancellationToken.None));
        Assert.NotNull(p);
    }
}
