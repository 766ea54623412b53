using Dapper;

namespace Reporting.Tests.Seed;

public sealed class SeededProvinceTests(SeededProvinceFixture fixture) : IClassFixture<SeededProvinceFixture>
{
    [Theory]
    [InlineData("2024-06-30", "province", "province", 1)]
    [InlineData("2024-06-30", "province", "department", 20)]
    [InlineData("2024-06-30", "province", "one_stop_centre", 1)]
    [InlineData("2024-06-30", "district", "district", 10)]
    [InlineData("2024-06-30", "commune", "commune", 140)]
    [InlineData("2026-01-01", "province", "province", 1)]
    [InlineData("2026-01-01", "province", "department", 14)]
    [InlineData("2026-01-01", "province", "one_stop_centre", 1)]
    [InlineData("2026-01-01", "district", "district", 0)]
    [InlineData("2026-01-01", "commune", "commune", 100)]
    public async Task Province_HasTheExpectedUnitsPerLevel_OnEachSideOfTheReform(string on, string level, string kind, int expected)
    {
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        var count = await c.ExecuteScalarAsync<int>(
            "select count(*) from agency_units_on(@on::date) u where u.level = @level and u.kind = @kind", new { on, level, kind });
        Assert.Equal(expected, count);
    }

    [Fact]
    public async Task Headers_NameKienGiangBeforeTheReform_AndAnGiangAfter()
    {
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        var before = (await c.QueryAsync<string>("select distinct province_name from agency_units_on('2025-06-30')")).ToList();
        var after = (await c.QueryAsync<string>("select distinct province_name from agency_units_on('2025-07-01')")).ToList();
        Assert.Equal(["Kiên Giang"], before);
        Assert.Equal(["An Giang"], after);
    }

    [Fact]
    public async Task Lineage_A2024CommuneResolvesToIts2026Successor_AndThatSuccessorListsItsPredecessors()
    {
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        var successors = (await c.QueryAsync<string>("""
            select a.code from agency_successors_on((select id from agency where code = 'KG.X.RG03'), '2026-03-01') s join agency a on a.id = s
            """)).ToList();
        var successor = Assert.Single(successors);
        Assert.StartsWith("AG.X.", successor, StringComparison.Ordinal);

        var predecessors = (await c.QueryAsync<string>("""
            select a.code from agency_predecessors_on((select id from agency where code = @successor), '2024-03-01') p join agency a on a.id = p
            """, new { successor })).ToList();
        Assert.Contains("KG.X.RG03", predecessors);
        Assert.All(predecessors, p => Assert.StartsWith("KG.X.RG", p, StringComparison.Ordinal));
        Assert.True(predecessors.Count >= 1);

        // On a date when it exists, a unit is its own successor.
        var self = await c.ExecuteScalarAsync<string>(
            "select a.code from agency_successors_on((select id from agency where code = 'KG.X.RG03'), '2024-03-01') s join agency a on a.id = s");
        Assert.Equal("KG.X.RG03", self);
    }

    [Fact]
    public async Task Lineage_HasOneSplitCommune_AndTheLabourDepartmentMergesIntoTheHomeAffairsDepartment()
    {
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        var split = await c.ExecuteScalarAsync<int>(
            "select count(*) from agency_successors_on((select id from agency where code = 'KG.X.PQ05'), '2026-01-01')");
        var labour = await c.ExecuteScalarAsync<string>(
            "select a.code from agency_successors_on((select id from agency where code = 'KG.SLDTBXH'), '2026-01-01') s join agency a on a.id = s");
        var merged = (await c.QueryAsync<string>(
            "select a.code from agency_predecessors_on((select id from agency where code = 'AG.SNV'), '2025-01-01') p join agency a on a.id = p order by 1")).ToList();
        Assert.Equal(2, split);
        Assert.Equal("AG.SNV", labour);
        Assert.Equal(["KG.SLDTBXH", "KG.SNV"], merged);
    }

    [Fact]
    public async Task Dossiers_AreDecidedByUnitsValidOnTheReceivedDate_AndDueAfterReceipt()
    {
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        var invalid = await c.ExecuteScalarAsync<long>("""
            select count(*) from dossier d join agency a on a.id = d.deciding_agency_id
            where not (a.valid_from <= (d.received_at at time zone 'Asia/Ho_Chi_Minh')::date
                       and (a.valid_to is null or a.valid_to > (d.received_at at time zone 'Asia/Ho_Chi_Minh')::date))
               or d.due_at < d.received_at
            """);
        var districtsAfterReform = await c.ExecuteScalarAsync<long>("""
            select count(*) from dossier d join agency a on a.id = d.deciding_agency_id
            where a.kind = 'district' and d.received_at >= '2025-07-01T00:00:00+07:00'
            """);
        Assert.Equal(0, invalid);
        Assert.Equal(0, districtsAfterReform);
        Assert.Equal(3000, fixture.Result.Dossiers);
    }

    [Fact]
    public async Task Dossiers_HaveTheSeededShares_OnlineRising_SomeWithdrawn_SomeOpenAndOverdue()
    {
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        var s = await c.QuerySingleAsync<(double Online2022, double Online2026, double Withdrawn, long Open, long Overdue, long ReceivedElsewhere)>("""
            select
              avg((channel = 2)::int) filter (where received_at < '2023-01-01T00:00:00+07:00')::float8,
              avg((channel = 2)::int) filter (where received_at >= '2026-01-01T00:00:00+07:00')::float8,
              avg((state = 'withdrawn')::int)::float8,
              count(*) filter (where state = 'in_progress'),
              count(*) filter (where state = 'in_progress' and due_at < '2026-11-20T23:59:59+07:00'),
              count(*) filter (where receiving_agency_id <> deciding_agency_id)
            from dossier
            """);
        Assert.InRange(s.Online2022, 0.22, 0.38);
        Assert.InRange(s.Online2026, 0.62, 0.78);
        Assert.InRange(s.Withdrawn, 0.02, 0.07);
        Assert.True(s.Open > 0);
        Assert.True(s.Overdue > 0);
        Assert.True(s.ReceivedElsewhere > 0);
    }

    [Fact]
    public async Task Events_HappenAfterReceipt_AndNothingIsDatedAfterTheClock()
    {
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        var wrong = await c.ExecuteScalarAsync<long>("""
            select count(*) from dossier_event e join dossier d on d.id = e.dossier_id
            where e.occurred_at < d.received_at or e.occurred_at > @now
            """, new { now = SeededProvinceFixture.Now.ToUniversalTime() });
        var future = await c.ExecuteScalarAsync<long>("""
            select count(*) from dossier
            where received_at > @now or finished_at > @now or returned_at > @now or ended_at > @now or updated_at > @now
            """, new { now = SeededProvinceFixture.Now.ToUniversalTime() });
        Assert.Equal(0, wrong);
        Assert.Equal(0, future);
    }

    [Fact]
    public async Task AnApology_SetsTheDueDateToItsNewAppointment()
    {
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        var rows = (await c.QueryAsync<(DateTime Due, DateTime NewDue)>("""
            select d.due_at, e.new_due_at from dossier_event e join dossier d on d.id = e.dossier_id where e.kind = 'apology_issued'
            """)).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(r.NewDue, r.Due));
    }

    [Fact]
    public async Task PlanTasks_PinTheHomeAffairsDepartment_37Due24Done_AndSignatoriesExist()
    {
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        var tasks = await c.ExecuteScalarAsync<string>("""
            select count(*) || '/' || count(completed_on) from plan_task t join agency a on a.id = t.agency_id
            where a.code = 'AG.SNV' and t.plan_year = 2026
            """);
        var titles = await c.ExecuteScalarAsync<string>("""
            select array_to_string(s.title_lines, '|') from agency_signatory s join agency a on a.id = s.agency_id where a.code = 'AG.SNV' and s.rank = 1
            """);
        Assert.Equal("37/24", tasks);
        Assert.Equal("KT. GIÁM ĐỐC|PHÓ GIÁM ĐỐC", titles);
    }

    [Fact]
    public async Task SeededDossiers_ReachTheRollup_SoTheRollupPathEqualsTheLivePath()
    {
        // The seeder skips row triggers (the rollup's dirty marks with them) and must mark the seeded months itself.
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        Assert.True(await Reporting.Worker.Extract.TthcExtract.RollupPendingAsync(c, CancellationToken.None));
        await Reporting.Worker.Extract.TthcExtract.RefreshRollupAsync(c, CancellationToken.None);
        var window = Reporting.Worker.Calendar.ReportWindow.For(
            Reporting.Worker.Calendar.Period.Parse(Reporting.Templates.Model.ReportKind.Annual, "2026"), null, SeededProvinceFixture.Now);
        var live = await Reporting.Worker.Extract.TthcExtract.LiveAsync(c, window, null, CancellationToken.None);
        var rollup = await Reporting.Worker.Extract.TthcExtract.RollupAsync(c, window, null, CancellationToken.None);
        Assert.True(live.Count > 0);
        Assert.True(live.SequenceEqual(rollup));
    }
}
