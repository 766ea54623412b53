using Dapper;
using Npgsql;
using Reporting.Templates.Model;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Inputs;

namespace Reporting.Tests.Inputs;

public sealed class UnitInputStoreTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private NpgsqlDataSource Data => fixture.Database.DataSource;

    private UnitInputStore Store => new(Data);

    /// <summary>A unit of its own per test, so tests never see each other's rows.</summary>
    private async Task<UnitInputKey> NewUnitAsync(string code, ReportKind kind = ReportKind.Quarter, string period = "2026-Q3")
    {
        await InputTestData.AddAgencyAsync(Data, code);
        return new UnitInputKey(code, kind, period);
    }

    [Fact]
    public async Task Save_StoresCanonicalValues_AndRecordsAuthorTimeOldAndNewValue()
    {
        var key = await NewUnitAsync("S1");
        var before = await NowAsync();
        var first = await Store.SaveAsync(key, new Dictionary<string, string?> { ["CD_VAN_BAN_CHI_DAO"] = "1.234", ["III"] = "Tốt." }, "nguyen.van.a", InputAction.Edit, default);
        Assert.True(first.Accepted);
        var second = await Store.SaveAsync(key, new Dictionary<string, string?> { ["CD_VAN_BAN_CHI_DAO"] = "12" }, "tran.thi.b", InputAction.Edit, default);
        Assert.Equal(["CD_VAN_BAN_CHI_DAO"], second.Changed);
        var after = await NowAsync();

        var values = await Store.ValuesAsync(key, default);
        Assert.Equal("12", values["CD_VAN_BAN_CHI_DAO"]);
        var history = (await Store.HistoryAsync(key, default)).Where(h => h.FieldCode == "CD_VAN_BAN_CHI_DAO").ToList();
        Assert.Collection(history,
            h => Assert.Equal((null, "1234", "nguyen.van.a", "edit"), (h.OldValue, h.NewValue, h.Author, h.Action)),
            h => Assert.Equal(("1234", "12", "tran.thi.b", "edit"), (h.OldValue, h.NewValue, h.Author, h.Action)));
        Assert.All(history, h => Assert.InRange(h.ChangedAt, before, after));
        var current = (await Store.CurrentAsync(key, default)).Single(c => c.FieldCode == "CD_VAN_BAN_CHI_DAO");
        Assert.Equal("tran.thi.b", current.UpdatedBy);
    }

    [Fact]
    public async Task Save_WritesNoHistory_WhenTheValueDoesNotChange_AndRecordsAClearAsNull()
    {
        var key = await NewUnitAsync("S2");
        await Store.SaveAsync(key, new Dictionary<string, string?> { ["CQS_VB_DIEN_TU"] = "88,04" }, "a", InputAction.Edit, default);
        var again = await Store.SaveAsync(key, new Dictionary<string, string?> { ["CQS_VB_DIEN_TU"] = "88.04%" }, "b", InputAction.Edit, default);
        Assert.Empty(again.Changed);
        var cleared = await Store.SaveAsync(key, new Dictionary<string, string?> { ["CQS_VB_DIEN_TU"] = "  " }, "c", InputAction.Edit, default);
        Assert.Equal(["CQS_VB_DIEN_TU"], cleared.Changed);
        Assert.Empty(await Store.ValuesAsync(key, default));
        var history = await Store.HistoryAsync(key, default);
        Assert.Equal([("88.04", (string?)null, "c")], history.Skip(1).Select(h => (h.OldValue!, h.NewValue, h.Author)));
        Assert.Equal(2, history.Count);
    }

    [Fact]
    public async Task Save_RefusesTheWholeBatch_WithPerFieldErrors_WhenAnyValueIsInvalid()
    {
        var key = await NewUnitAsync("S3");
        var outcome = await Store.SaveAsync(key, new Dictionary<string, string?>
        {
            ["III"] = "Hợp lệ.",
            ["CD_VAN_BAN_CHI_DAO"] = "-2",
            ["CQS_VB_DIEN_TU"] = "101",
            ["KHONG_CO"] = "1",
        }, "a", InputAction.Edit, default);
        Assert.False(outcome.Accepted);
        Assert.Equal(
            [("CD_VAN_BAN_CHI_DAO", ErrorCodes.InputNegative), ("CQS_VB_DIEN_TU", ErrorCodes.InputPercentOutOfRange), ("KHONG_CO", ErrorCodes.InputUnknownField)],
            outcome.Errors.Select(e => (e.FieldCode, e.Code)).Order());
        Assert.Empty(await Store.ValuesAsync(key, default));
        Assert.Empty(await Store.HistoryAsync(key, default));
    }

    [Fact]
    public async Task Save_RefusesAnUnknownUnit_AMissingAuthor_AndAPeriodThatDoesNotFitTheKind()
    {
        var unknown = await Assert.ThrowsAsync<ReportingException>(() => Store.SaveAsync(new UnitInputKey("NOPE", ReportKind.Quarter, "2026-Q3"),
            new Dictionary<string, string?> { ["III"] = "x" }, "a", InputAction.Edit, default));
        Assert.Equal(ErrorCodes.UnknownUnit, unknown.Code);
        var key = await NewUnitAsync("S4");
        var anonymous = await Assert.ThrowsAsync<ReportingException>(() => Store.SaveAsync(key, new Dictionary<string, string?> { ["III"] = "x" }, " ", InputAction.Edit, default));
        Assert.Equal(ErrorCodes.InputAuthorMissing, anonymous.Code);
        var badPeriod = await Assert.ThrowsAsync<ReportingException>(() => Store.SaveAsync(key with { PeriodCode = "2026-H1" },
            new Dictionary<string, string?> { ["III"] = "x" }, "a", InputAction.Edit, default));
        Assert.Equal(ErrorCodes.BadPeriod, badPeriod.Code);
        Assert.Empty(await Store.ValuesAsync(key with { PeriodCode = "2026-H1" }, default));
    }

    [Fact]
    public async Task Markup_SurvivesStorageAndMapping_Literally()
    {
        var key = await NewUnitAsync("S5");
        await Store.SaveAsync(key, new Dictionary<string, string?> { ["II.6"] = InputTestData.Markup, ["CD_KE_HOACH_SO_HIEU"] = "<b>1</b>" }, "a", InputAction.Edit, default);
        var inputs = await UnitInputsForReport.LoadAsync(Store, new Worker.Pipeline.ReportKey(key.Kind, key.PeriodCode, key.UnitCode), default);
        Assert.Equal(InputTestData.Markup, Assert.IsType<Paragraph>(inputs.Content.Sections.Single(s => s.Number == "II.6").Blocks.Single()).Text);
        Assert.Equal("<b>1</b>", inputs.Content.Indicators.Single(i => i.Code == "CD_KE_HOACH_SO_HIEU").Text);
        Assert.Equal(InputTestData.Markup, (await Store.HistoryAsync(key, default)).Single(h => h.FieldCode == "II.6").NewValue);
    }

    [Theory]
    [InlineData("update unit_input_history set author = 'x'")]
    [InlineData("delete from unit_input_history")]
    [InlineData("truncate unit_input_history")]
    public async Task History_IsAppendOnly_AtTheDatabase(string statement)
    {
        var key = await NewUnitAsync($"S6{statement[0]}");
        await Store.SaveAsync(key, new Dictionary<string, string?> { ["III"] = "x" }, "a", InputAction.Edit, default);
        await using var connection = await Data.OpenConnectionAsync();
        var ex = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(statement));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, ex.SqlState);
        Assert.Single(await Store.HistoryAsync(key, default));
    }

    [Fact]
    public async Task Fingerprint_ChangesWhenAnInputChanges_AndNotOtherwise()
    {
        var key = await NewUnitAsync("S7");
        var empty = await Store.FingerprintAsync(key, default);
        Assert.Equal(InputFingerprint.Compute([]), empty);

        await Store.SaveAsync(key, new Dictionary<string, string?> { ["III"] = "Đánh giá.", ["CV_KY_LUAT"] = "1" }, "a", InputAction.Edit, default);
        var one = await Store.FingerprintAsync(key, default);
        Assert.NotEqual(empty, one);
        Assert.Equal(InputFingerprint.Compute(await Store.ValuesAsync(key, default)), one);

        await Store.SaveAsync(key, new Dictionary<string, string?> { ["III"] = "Đánh giá.", ["CV_KY_LUAT"] = "1" }, "someone.else", InputAction.Import, default);
        Assert.Equal(one, await Store.FingerprintAsync(key, default));
        var other = await NewUnitAsync("S7B");
        await Store.SaveAsync(other, new Dictionary<string, string?> { ["III"] = "Khác." }, "a", InputAction.Edit, default);
        Assert.Equal(one, await Store.FingerprintAsync(key, default));

        await Store.SaveAsync(key, new Dictionary<string, string?> { ["CV_KY_LUAT"] = "2" }, "a", InputAction.Edit, default);
        var two = await Store.FingerprintAsync(key, default);
        Assert.NotEqual(one, two);
        Assert.Equal(InputFingerprint.Compute(await Store.ValuesAsync(key, default)), two);

        await Store.SaveAsync(key, new Dictionary<string, string?> { ["CV_KY_LUAT"] = "1" }, "a", InputAction.Edit, default);
        Assert.Equal(one, await Store.FingerprintAsync(key, default));
    }

    [Fact]
    public void Fingerprint_DoesNotConfuseFieldBoundaries()
    {
        Assert.NotEqual(
            InputFingerprint.Compute([new("A", "bc")]),
            InputFingerprint.Compute([new("Ab", "c")]));
        Assert.Equal(
            InputFingerprint.Compute([new("B", "2"), new("A", "1")]),
            InputFingerprint.Compute([new("A", "1"), new("B", "2")]));
    }

    [Fact]
    public async Task CopyForward_FillsEmptyCarriedFields_FromTheLatestEarlierPeriod_WithoutOverwriting()
    {
        await InputTestData.AddAgencyAsync(Data, "S8");
        var q1 = new UnitInputKey("S8", ReportKind.Quarter, "2026-Q1");
        var q2 = new UnitInputKey("S8", ReportKind.Quarter, "2026-Q2");
        var q3 = new UnitInputKey("S8", ReportKind.Quarter, "2026-Q3");
        await Store.SaveAsync(q1, new Dictionary<string, string?> { ["IV"] = "Q1 cũ.", ["V"] = "Kiến nghị Q1." }, "a", InputAction.Edit, default);
        await Store.SaveAsync(q2, new Dictionary<string, string?>
        {
            ["III"] = "Đánh giá Q2.", ["IV"] = "Phương hướng Q2.", ["CV_BIEN_CHE_GIAO"] = "40", ["CD_VAN_BAN_CHI_DAO"] = "7",
        }, "a", InputAction.Edit, default);
        await Store.SaveAsync(q3, new Dictionary<string, string?> { ["IV"] = "Đã viết cho Q3." }, "a", InputAction.Edit, default);

        var outcome = await Store.CopyForwardAsync(q3, "le.van.c", default);

        Assert.Equal("2026-Q2", outcome.FromPeriod);
        Assert.Equal(["CV_BIEN_CHE_GIAO", "III"], outcome.Copied.Order(StringComparer.Ordinal));
        var values = await Store.ValuesAsync(q3, default);
        Assert.Equal("Đã viết cho Q3.", values["IV"]);
        Assert.Equal("40", values["CV_BIEN_CHE_GIAO"]);
        Assert.False(values.ContainsKey("CD_VAN_BAN_CHI_DAO"));
        Assert.False(values.ContainsKey("V"));
        Assert.All((await Store.HistoryAsync(q3, default)).Where(h => outcome.Copied.Contains(h.FieldCode)),
            h => Assert.Equal(("le.van.c", "copy_forward"), (h.Author, h.Action)));
        Assert.Empty((await Store.CopyForwardAsync(q3, "le.van.c", default)).Copied);
    }

    [Fact]
    public async Task CopyForward_CrossesTheYear_AndFailsWhenThereIsNoEarlierPeriod()
    {
        await InputTestData.AddAgencyAsync(Data, "S9");
        await Store.SaveAsync(new UnitInputKey("S9", ReportKind.Annual, "2025"), new Dictionary<string, string?> { ["IV"] = "Năm 2025." }, "a", InputAction.Edit, default);
        var outcome = await Store.CopyForwardAsync(new UnitInputKey("S9", ReportKind.Annual, "2026"), "b", default);
        Assert.Equal(("2025", "IV"), (outcome.FromPeriod, outcome.Copied.Single()));
        var none = await Assert.ThrowsAsync<ReportingException>(() => Store.CopyForwardAsync(new UnitInputKey("S9", ReportKind.Annual, "2025"), "b", default));
        Assert.Equal(ErrorCodes.InputNoPreviousPeriod, none.Code);
    }

    private async Task<DateTime> NowAsync()
    {
        await using var connection = await Data.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<DateTime>("select now()");
    }
}
