using Dapper;
using Microsoft.Extensions.Configuration;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Cli;
using Reporting.Worker.Import;

namespace Reporting.Tests.Resilience;

/// <summary>A fresh warehouse with a few agencies (P; SNV, A, A1 under A, B), two procedures and five dossiers.</summary>
public sealed class BadInputCsvFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public IConfiguration Configuration { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestPostgres.CreateDatabaseAsync();
        Configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Warehouse"] = Database.ConnectionString })
            .Build();
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            insert into agency (code, name, level, kind, province_name, valid_from) values
              ('P', 'Tỉnh An Giang', 'province', 'province', 'An Giang', '2020-01-01'),
              ('SNV', 'Sở Nội vụ', 'province', 'department', 'An Giang', '2020-01-01'),
              ('A', 'Sở Tư pháp', 'province', 'department', 'An Giang', '2020-01-01'),
              ('A1', 'Trung tâm Trợ giúp pháp lý', 'province', 'department', 'An Giang', '2020-01-01'),
              ('B', 'Sở Xây dựng', 'province', 'department', 'An Giang', '2020-01-01');
            insert into agency_parent (agency_id, parent_id, valid_from)
              select c.id, p.id, '2020-01-01' from agency c join agency p on p.code = case c.code when 'A1' then 'A' else 'P' end
              where c.code <> 'P';
            insert into field (code, name) values ('HT', 'Hộ tịch'), ('XD', 'Xây dựng');
            insert into procedure (code, name, field_id, level, online_service, time_limit, time_unit)
              values ('1.1', 'Đăng ký khai sinh', 1, 'province', 'full', 3, 'working_day'),
                     ('2.1', 'Cấp giấy phép xây dựng', 2, 'province', 'partial', 15, 'working_day');
            insert into dossier (code, procedure_id, receiving_agency_id, deciding_agency_id, channel, received_at, state)
              select 'D' || g, 1, a.id, a.id, 2, timestamptz '2026-02-01 09:00+07' + g * interval '1 day', 'in_progress'
              from generate_series(1, 5) g join agency a on a.code = 'A';
            """);
    }

    public Task DisposeAsync() => Database.DisposeAsync().AsTask();
}

/// <summary>
/// Every malformed CSV of the corpus (<c>Resilience/Corpus/csv/*.csv</c> with its <c>.expect</c>) through the
/// import verb, in process, against a real PostgreSQL: the "lỗi [CODE]: …" line in Vietnamese, each bad row in
/// FILE.rejects.csv with its line, column and code, and the warehouse exactly as docs/IMPORT.md promises: untouched
/// when the file is refused (header, encoding, --strict), only the good rows added otherwise. Never a crash.
/// </summary>
[Trait("Category", "Resilience")]
public sealed class BadInputCsvCorpusTests(BadInputCsvFixture fixture) : IClassFixture<BadInputCsvFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("resilience-csv-").FullName;

    public static TheoryData<string> Cases => Corpus.Names("csv", ".csv");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task MalformedCsv_GetsAClearErrorAndRejects_AndLoadsExactlyTheGoodRows(string name)
    {
        var c = CsvCase.Load(name);
        var file = Path.Combine(_dir, name + ".csv");
        File.Copy(c.CsvPath, file);
        var table = c.Kind switch { "dossiers" => "dossier", "agencies" => "agency", "procedures" => "procedure", _ => throw new InvalidDataException(c.Kind) };
        var before = await SnapshotAsync();
        var codesBefore = await CodesAsync(table);
        using var output = new StringWriter();
        using var error = new StringWriter();

        string[] args = c.Strict ? ["import", c.Kind, file, "--strict"] : ["import", c.Kind, file];
        var exit = await VerbTable.RunAsync(args, output, error, fixture.Configuration);

        var stderr = error.ToString();
        if (c.Exit == "0")
        {
            Assert.True(exit == 0, $"{name}: exit {exit}: {stderr}");
        }
        else
        {
            Assert.True(exit == 1, $"{name}: exit {exit}: {stderr}");
            var line = stderr.Split('\n').Last(l => l.StartsWith("lỗi [", StringComparison.Ordinal));
            Assert.StartsWith($"lỗi [{c.Exit}]: ", line, StringComparison.Ordinal);
            Corpus.AssertVietnamese(line[$"lỗi [{c.Exit}]: ".Length..], name);
            if (c.MessagePiece is { } piece)
            {
                Assert.Contains(piece, line, StringComparison.Ordinal);
            }
        }

        var rejectsFile = CsvImporter.RejectsPath(file);
        if (c.Rejects.Count == 0)
        {
            Assert.False(File.Exists(rejectsFile), $"{name}: a rejects file with no rejected row expected");
        }
        else
        {
            var rejects = await RejectsAsync(rejectsFile);
            Assert.Equal(c.Rejects.Select(r => (r.Line, r.Code, r.Column)), rejects.Select(r => (r.Line, r.Code, r.Column)));
            Assert.All(rejects, r => Corpus.AssertVietnamese(r.Reason, $"{name} line {r.Line}"));
            Assert.All(c.Rejects, r => Assert.Contains($"dòng {r.Line}", stderr, StringComparison.Ordinal));
        }

        var added = (await CodesAsync(table)).Except(codesBefore).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(c.Loaded.Order(StringComparer.Ordinal), added);
        if (c.Loaded.Count == 0)
        {
            Assert.Equal(before, await SnapshotAsync());
        }

        Assert.Equal(0, await fixture.Database.DataSource.CreateConnection().ExecuteScalarAsync<long>("""
            select (select count(*) from agency where name <> normalize(name, NFC) or short_name <> normalize(short_name, NFC))
                 + (select count(*) from procedure where name <> normalize(name, NFC))
            """));
    }

    [Fact]
    public void TheCorpus_HasAtLeastTwentyFiles()
    {
        Assert.True(Cases.Cast<object>().Count() >= 20, $"{Cases.Cast<object>().Count()} cases");
    }

    /// <summary>The rejected rows as written: the last four columns are line, column, codes, reason.</summary>
    private static async Task<List<(int Line, string Column, string Code, string Reason)>> RejectsAsync(string path)
    {
        Assert.True(File.Exists(path), $"no rejects file {path}");
        using var reader = new StreamReader(path, new System.Text.UTF8Encoding(false, true));
        var records = CsvReader.Read(new StringReader(await reader.ReadToEndAsync())).ToList();
        Assert.EndsWith(",dong,cot,ma_loi,ly_do", records[0].Raw, StringComparison.Ordinal);
        return records.Skip(1).Select(r => r.Fields[^4..]).Select(f => (int.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture), f[1], f[2], f[3])).ToList();
    }

    private async Task<HashSet<string>> CodesAsync(string table)
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<string>($"select code from {table}")).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every imported table, row by row.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<string>("""
            select concat_ws(' | ',
              (select md5(string_agg(t::text, ',' order by t.id)) from agency t),
              (select md5(string_agg(t::text, ',' order by t.agency_id, t.valid_from)) from agency_parent t),
              (select md5(string_agg(t::text, ',' order by t.id)) from field t),
              (select md5(string_agg(t::text, ',' order by t.id)) from procedure t),
              (select md5(string_agg(t::text, ',' order by t.id)) from dossier t))
            """) ?? "";
    }
}
