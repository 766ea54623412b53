using Npgsql;
using Reporting.Templates.Model;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Inputs;
using Reporting.Worker.Pipeline;

namespace Reporting.Tests.Inputs;

public sealed class InputDemoSeederTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private NpgsqlDataSource Data => fixture.Database.DataSource;

    [Fact]
    public async Task SeedDemo_GivesMostUnitsCompleteInputs_LeavesAFewWithoutAny_AndIsRepeatable()
    {
        for (var i = 1; i <= 20; i++)
        {
            await InputTestData.AddAgencyAsync(Data, $"D{i:00}", $"Ủy ban nhân dân xã Số {i}", kind: "commune");
        }

        await InputTestData.AddAgencyAsync(Data, "D_OSC", "Trung tâm Phục vụ hành chính công", kind: "one_stop_centre");
        var seeder = new InputDemoSeeder(Data);

        var first = await seeder.SeedAsync(ReportKind.Annual, "2026", default);

        Assert.Equal(21, first.Units);
        Assert.InRange(first.Empty.Count, 1, 4);
        Assert.NotEmpty(first.Partial);
        var readiness = (await new InputReadinessService(Data).ForPeriodAsync(ReportKind.Annual, "2026", null, default)).ToDictionary(r => r.Key.UnitCode);
        Assert.DoesNotContain("D_OSC", readiness.Keys);
        Assert.All(first.Empty, u => Assert.Equal(InputDefinitions.For(ReportKind.Annual).Required.Count(), readiness[u].Missing.Count));
        Assert.All(first.Partial, u => Assert.Equal(["III", "CQS_VB_DIEN_TU"], readiness[u].Missing.Select(f => f.Code)));
        Assert.True(readiness.Values.Count(r => r.IsReady) >= 14);
        Assert.True((await new InputReadinessService(Data).ForUnitAsync(new UnitInputKey(ReportKey.Province, ReportKind.Annual, "2026"), default)).IsReady);

        var store = new UnitInputStore(Data);
        var sample = await store.ValuesAsync(new UnitInputKey("D01", ReportKind.Annual, "2026"), default);
        Assert.Contains("Ủy ban nhân dân xã Số 1", sample["I.2"], StringComparison.Ordinal);
        var historyBefore = (await store.HistoryAsync(new UnitInputKey("D01", ReportKind.Annual, "2026"), default)).Count;

        var second = await seeder.SeedAsync(ReportKind.Annual, "2026", default);
        Assert.Equal(0, second.Changed);
        Assert.Equal(first.Empty, second.Empty);
        Assert.Equal(historyBefore, (await store.HistoryAsync(new UnitInputKey("D01", ReportKind.Annual, "2026"), default)).Count);
        Assert.All(await store.HistoryAsync(new UnitInputKey("D01", ReportKind.Annual, "2026"), default),
            h => Assert.Equal((InputDemoSeeder.Author, "seed"), (h.Author, h.Action)));
    }
}
