using Dapper;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Import;

namespace Reporting.Tests.Import;

public sealed class DossierImportTests(ReferenceDataFixture fixture) : IClassFixture<ReferenceDataFixture>, IDisposable
{
    private const string Header = "code,procedure_code,receiving_agency_code,deciding_agency_code,channel,received_at,due_at,finished_at,returned_at,ended_at,state,has_fee,paid_online,result_digitised,reused_digitised,rating,updated_at";
    private readonly string _dir = Directory.CreateTempSubdirectory("reporting-import-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Import_ReportsThreeBadRowsWithLineColumnAndReason_LoadsTheGoodRows_AndWritesRejects()
    {
        var proc = await CommuneProcedureAsync();
        var file = Write("three-bad.csv",
            Row("T1-GOOD-1", proc, channel: "2"),
            Row("T1-BAD-DATE", proc, received: "2026-02-30T08:00:00+07:00"),
            Row("T1-GOOD-2", proc, channel: "1", received: "2026-03-02 08:15"),
            Row("T1-BAD-PROC", "9.999999"),
            Row("T1-GOOD-1", proc));   // duplicate code within the file

        var result = await Importer().ImportAsync(new DossierImport(), file, strict: false, CancellationToken.None);

        Assert.Equal(5, result.Rows);
        Assert.Equal(2, result.Inserted);
        Assert.Equal(3, result.RejectedRows);
        Assert.Collection(result.Errors,
            e => Assert.Equal((3, "received_at", ErrorCodes.RowBadDate), (e.Line, e.Column, e.Code)),
            e => Assert.Equal((5, "procedure_code", ErrorCodes.RowUnknownProcedure), (e.Line, e.Column, e.Code)),
            e => Assert.Equal((6, "code", ErrorCodes.RowDuplicateCode), (e.Line, e.Column, e.Code)));
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
        Assert.Equal(2, await CountAsync("T1-%"));

        var rejects = await File.ReadAllLinesAsync(CsvImporter.RejectsPath(file));
        Assert.Equal(4, rejects.Length);
        Assert.EndsWith(",dong,cot,ma_loi,ly_do", rejects[0], StringComparison.Ordinal);
        Assert.StartsWith("T1-BAD-DATE,", rejects[1], StringComparison.Ordinal);
        Assert.Contains($",3,received_at,{ErrorCodes.RowBadDate},", rejects[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_Strict_LoadsNothing_WhenAnyRowIsBad()
    {
        var proc = await CommuneProcedureAsync();
        var file = Write("strict.csv",
            Row("T2-GOOD", proc),
            Row("T2-BAD-CHANNEL", proc, channel: "7"),
            Row("T2-BAD-STATE", proc, state: "lost"),
            "T2-SHORT,1,2");

        var result = await Importer().ImportAsync(new DossierImport(), file, strict: true, CancellationToken.None);

        Assert.Equal(0, result.Loaded);
        Assert.Equal(3, result.RejectedRows);
        Assert.Equal([ErrorCodes.RowBadChannel, ErrorCodes.RowBadState, ErrorCodes.RowColumnCount], result.Errors.Select(e => e.Code));
        Assert.Equal(0, await CountAsync("T2-%"));
    }

    [Fact]
    public async Task Import_OfTheSameFileTwice_ChangesNothing()
    {
        var proc = await CommuneProcedureAsync();
        var file = Write("twice.csv",
            Row("T3-A", proc), Row("T3-B", proc, state: "resolved", finished: "2026-03-05T10:00:00+07:00"),
            Row("T3-C", proc, state: "withdrawn", ended: "2026-03-04T09:00:00+07:00"));

        var first = await Importer().ImportAsync(new DossierImport(), file, strict: false, CancellationToken.None);
        var snapshot = await SnapshotAsync("T3-%");
        var second = await Importer().ImportAsync(new DossierImport(), file, strict: false, CancellationToken.None);

        Assert.Equal((3, 0), (first.Inserted, first.Updated));
        Assert.Equal((0, 0, 3), (second.Inserted, second.Updated, second.Unchanged));
        Assert.Equal(snapshot, await SnapshotAsync("T3-%"));   // same rows, same row versions (xmin): nothing rewritten
    }

    [Fact]
    public async Task Import_TheNewestUpdatedAtWins_AndAnOlderRowIsIgnored()
    {
        var proc = await CommuneProcedureAsync();
        await Importer().ImportAsync(new DossierImport(), Write("v1.csv", Row("T4-X", proc, updated: "2026-03-03T08:00:00+07:00")), false, CancellationToken.None);
        var newer = await Importer().ImportAsync(new DossierImport(), Write("v2.csv",
            Row("T4-X", proc, state: "resolved", finished: "2026-03-06T15:00:00+07:00", updated: "2026-03-06T15:00:00+07:00")), false, CancellationToken.None);
        var older = await Importer().ImportAsync(new DossierImport(), Write("v0.csv",
            Row("T4-X", proc, state: "withdrawn", ended: "2026-03-02T15:00:00+07:00", updated: "2026-03-02T15:00:00+07:00")), false, CancellationToken.None);

        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        var state = await c.ExecuteScalarAsync<string>("select state from dossier where code = 'T4-X'");
        Assert.Equal(1, newer.Updated);
        Assert.Equal(0, older.Updated);
        Assert.Equal("resolved", state);
    }

    [Fact]
    public async Task Import_ReadsLocalTimesAsVietnamTime_AndOffsetsAsGiven()
    {
        var proc = await CommuneProcedureAsync();
        await Importer().ImportAsync(new DossierImport(), Write("tz.csv",
            Row("T5-LOCAL", proc, received: "2026-03-14 16:30"),
            Row("T5-UTC", proc, received: "2026-03-14T09:30:00Z")), false, CancellationToken.None);
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        var distinct = await c.ExecuteScalarAsync<long>("select count(distinct received_at) from dossier where code like 'T5-%'");
        var utcHour = await c.ExecuteScalarAsync<int>("select extract(hour from received_at at time zone 'UTC')::int from dossier where code = 'T5-LOCAL'");
        Assert.Equal(1, distinct);
        Assert.Equal(9, utcHour);
    }

    private CsvImporter Importer() => new(fixture.Database.DataSource);

    private async Task<string> CommuneProcedureAsync()
    {
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        return (await c.ExecuteScalarAsync<string>("select code from procedure where level = 'commune' order by code limit 1"))!;
    }

    private static string Row(string code, string procedure, string channel = "2", string received = "2026-03-02T08:00:00+07:00",
        string state = "in_progress", string finished = "", string ended = "", string? updated = null) =>
        $"{code},{procedure},AG.X.001,AG.X.001,{channel},{received},2026-03-09T17:00:00+07:00,{finished},,{ended},{state},false,false,false,false,,{updated ?? "2026-03-09T17:00:00+07:00"}";

    private string Write(string name, params string[] rows)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, Header + "\n" + string.Join("\n", rows) + "\n");
        return path;
    }

    private async Task<long> CountAsync(string like)
    {
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<long>("select count(*) from dossier where code like @like", new { like });
    }

    private async Task<string?> SnapshotAsync(string like)
    {
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<string>(
            "select string_agg(concat_ws('|', code, xmin::text, state, updated_at), ',' order by code) from dossier where code like @like", new { like });
    }
}
