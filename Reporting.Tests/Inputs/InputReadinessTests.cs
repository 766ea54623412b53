using Microsoft.Extensions.Configuration;
using Npgsql;
using Reporting.Templates.Model;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Inputs;
using Reporting.Worker.Pipeline;

namespace Reporting.Tests.Inputs;

public sealed class InputReadinessTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private NpgsqlDataSource Data => fixture.Database.DataSource;

    private static Dictionary<string, string?> AllRequired(ReportKind kind) => InputDefinitions.For(kind).Required.ToDictionary(
        f => f.Code,
        f => (string?)(f.Type switch
        {
            InputFieldType.Count => "3",
            InputFieldType.Percentage => "90",
            InputFieldType.Date => "05/01/2026",
            _ => "Có nội dung.",
        }));

    [Fact]
    public async Task ForUnit_ListsTheMissingRequiredFields_AndIgnoresOptionalOnes()
    {
        await InputTestData.AddAgencyAsync(Data, "R1");
        var key = new UnitInputKey("R1", ReportKind.Quarter, "2026-Q3");
        var values = AllRequired(ReportKind.Quarter);
        values.Remove("III");
        values.Remove("CQS_VB_DIEN_TU");
        await new UnitInputStore(Data).SaveAsync(key, values, "a", InputAction.Edit, default);

        var readiness = await new InputReadinessService(Data).ForUnitAsync(key, default);

        Assert.False(readiness.IsReady);
        Assert.Equal(["III", "CQS_VB_DIEN_TU"], readiness.Missing.Select(f => f.Code));
        Assert.Contains("Đánh giá chung", readiness.MissingText, StringComparison.Ordinal);
        await new UnitInputStore(Data).SaveAsync(key, new Dictionary<string, string?> { ["III"] = "x", ["CQS_VB_DIEN_TU"] = "99" }, "a", InputAction.Edit, default);
        Assert.True((await new InputReadinessService(Data).ForUnitAsync(key, default)).IsReady);
    }

    [Fact]
    public async Task ForPeriod_CoversEveryUnitThatExistsAtThePeriodEnd_ExceptOneStopCentres()
    {
        await InputTestData.AddAgencyAsync(Data, "RP_DONE");
        await InputTestData.AddAgencyAsync(Data, "RP_NONE");
        await InputTestData.AddAgencyAsync(Data, "RP_GONE", validTo: "2025-07-01");
        await InputTestData.AddAgencyAsync(Data, "RP_OSC", kind: "one_stop_centre");
        await new UnitInputStore(Data).SaveAsync(new UnitInputKey("RP_DONE", ReportKind.Annual, "2026"), AllRequired(ReportKind.Annual), "a", InputAction.Edit, default);

        var all = await new InputReadinessService(Data).ForPeriodAsync(ReportKind.Annual, "2026", null, default);
        var mine = all.Where(r => r.Key.UnitCode.StartsWith("RP_", StringComparison.Ordinal)).ToDictionary(r => r.Key.UnitCode);

        Assert.Equal(["RP_DONE", "RP_NONE"], mine.Keys.Order(StringComparer.Ordinal));
        Assert.True(mine["RP_DONE"].IsReady);
        Assert.Equal(InputDefinitions.For(ReportKind.Annual).Required.Count(), mine["RP_NONE"].Missing.Count);
        var chosen = await new InputReadinessService(Data).ForPeriodAsync(ReportKind.Annual, "2026", ["RP_NONE"], default);
        Assert.Equal("RP_NONE", chosen.Single().Key.UnitCode);
    }

    [Fact]
    public async Task Gate_BlocksAnOfficialDraft_WhileRequiredInputsAreMissing_ByDefault()
    {
        await InputTestData.AddAgencyAsync(Data, "G1");
        var key = new ReportKey(ReportKind.Quarter, "2026-Q3", "G1");
        var gate = new InputsGate(new InputReadinessService(Data), InputOptions.Default);

        var blocked = await gate.CheckAsync(key, SigningPolicy.Official, default);
        Assert.False(blocked.Allowed);
        Assert.Contains("III", blocked.Message, StringComparison.Ordinal);
        var ex = await Assert.ThrowsAsync<ReportingException>(() => gate.EnsureAsync(key, SigningPolicy.Official, default));
        Assert.Equal(ErrorCodes.InputDraftBlocked, ex.Code);

        var system = await gate.CheckAsync(key, SigningPolicy.System, default);
        Assert.True(system.Allowed);
        Assert.StartsWith("Cảnh báo", system.Message, StringComparison.Ordinal);

        await new UnitInputStore(Data).SaveAsync(UnitInputKey.Of(key), AllRequired(ReportKind.Quarter), "a", InputAction.Edit, default);
        var ready = await gate.CheckAsync(key, SigningPolicy.Official, default);
        Assert.True(ready.Allowed);
        Assert.Null(ready.Message);
        Assert.Null(await gate.EnsureAsync(key, SigningPolicy.Official, default));
    }

    [Fact]
    public async Task Gate_AllowsWithAWarning_WhenConfiguredToWarn()
    {
        await InputTestData.AddAgencyAsync(Data, "G2");
        var options = InputOptions.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Reporting:Inputs:OfficialWhenMissing"] = "warn" }).Build());
        Assert.Equal(MissingInputsPolicy.Warn, options.OfficialWhenMissing);
        var warning = await new InputsGate(new InputReadinessService(Data), options)
            .EnsureAsync(new ReportKey(ReportKind.Quarter, "2026-Q3", "G2"), SigningPolicy.Official, default);
        Assert.NotNull(warning);
        Assert.Contains("I.2", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_DefaultToBlock_AndRefuseAnUnknownValue()
    {
        Assert.Equal(MissingInputsPolicy.Block, InputOptions.From(new ConfigurationBuilder().Build()).OfficialWhenMissing);
        var ex = Assert.Throws<ReportingException>(() => InputOptions.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Reporting:Inputs:OfficialWhenMissing"] = "maybe" }).Build()));
        Assert.Equal(ErrorCodes.BadConfiguration, ex.Code);
        Assert.Contains("maybe", ex.Message, StringComparison.Ordinal);
    }
}
