using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Reporting.Tests.Api;
using Reporting.Tests.Inputs;

namespace Reporting.Tests.Resilience;

/// <summary>
/// The API fixture's province with a host that does not work the queue (requests stay queued), plus a revoked key,
/// a queued request of unit A and one of unit B (real ids to aim at), and some inputs of A already saved.
/// </summary>
public sealed class BadInputApiFixture : IAsyncLifetime
{
    public ApiFixtureWithoutProcessor Api { get; } = new();

    public string KeyRevoked { get; private set; } = "";

    public Guid ReportA { get; private set; }

    public Guid ReportB { get; private set; }

    public async Task InitializeAsync()
    {
        await Api.InitializeAsync();
        var keys = new Reporting.Worker.Api.ApiKeyStore(Api.Warehouse);
        var (token, prefix) = await keys.CreateAsync("A", Reporting.Worker.Api.ApiRole.Department, default);
        await keys.RevokeAsync(prefix, default);
        KeyRevoked = token;
        using var a = Api.Client(Api.KeyA);
        ReportA = await ApiFixture.RequestAsync(a, new { kind = "adhoc", unit = "A", from = "2026-02-01", to = "2026-02-28", formats = new[] { "pdf" } });
        using var b = Api.Client(Api.KeyB);
        ReportB = await ApiFixture.RequestAsync(b, new { kind = "adhoc", unit = "B", from = "2026-02-01", to = "2026-02-28", formats = new[] { "pdf", "xlsx" } });
        using var put = await a.PutAsJsonAsync("/api/inputs/A/quarter/2026-Q1", new Dictionary<string, string>
        {
            ["I.2"] = "Đã ban hành kế hoạch CCHC năm 2026.",
            ["CD_VAN_BAN_CHI_DAO"] = "12",
        });
        put.EnsureSuccessStatusCode();
    }

    public Task DisposeAsync() => Api.DisposeAsync();
}

/// <summary>
/// Every malformed request of the corpus (<c>Resilience/Corpus/api/*.case</c>) over real HTTP on loopback: its
/// status, its stable code, a Vietnamese message, never a 5xx, and nothing written (no request queued, no input
/// changed, no key created).
/// </summary>
[Trait("Category", "Resilience")]
public sealed class BadInputApiCorpusTests(BadInputApiFixture fixture) : IClassFixture<BadInputApiFixture>
{
    public static TheoryData<string> Cases => Corpus.Names("api", ".case");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task MalformedRequest_GetsItsStatusCodeAndVietnameseMessage_NeverA5xx_AndWritesNothing(string name)
    {
        var c = ApiCase.Load(name);
        var api = fixture.Api;
        var key = c.As switch
        {
            "Nobody" => null,
            "Unknown" => "rk_00000000_" + new string('A', 43),
            "Garbage" => "not-a-key",
            "Revoked" => fixture.KeyRevoked,
            "A" => api.KeyA,
            "B" => api.KeyB,
            "HomeAffairs" => api.KeyHomeAffairs,
            "Archivist" => api.KeyArchivist,
            "Admin" => api.KeyAdmin,
            _ => throw new InvalidDataException($"{name}: unknown caller '{c.As}'"),
        };
        var body = c.Workbook is { } workbook ? await WorkbookAsync(workbook, c.WorkbookSets, c.WorkbookTruncate) : c.Body;
        var before = await SnapshotAsync();
        var auditBefore = await api.ScalarAsync<long>("select coalesce(max(id), 0) from api_audit");

        using var client = api.Client(null);
        using var request = new HttpRequestMessage(new HttpMethod(c.Method), Expand(c.Target));
        var headers = c.Headers.Select(h => (h.Name, Value: h.Value.Replace("{{key}}", key ?? "", StringComparison.Ordinal))).ToList();
        if (key is not null && !c.Headers.Any(h => h.Value.Contains("{{key}}", StringComparison.Ordinal)))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (body is not null)
        {
            // Chunked: a stream of unknown length, so the server cannot refuse it by its declared size.
            request.Content = c.Chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
            request.Headers.TransferEncodingChunked = c.Chunked;
        }

        foreach (var (header, value) in headers)
        {
            if (header.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.Remove(header);
                Assert.True(request.Content.Headers.TryAddWithoutValidation(header, value), $"{name}: header {header}");
            }
            else
            {
                Assert.True(request.Headers.TryAddWithoutValidation(header, value), $"{name}: header {header}");
            }
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        var status = (int)response.StatusCode;
        Assert.True(status < 500, $"{name}: a 5xx: {status} {text}");
        Assert.True(c.Status == status, $"{name}: expected {c.Status}, got {status} {text}");
        if (c.Code == "-")
        {
            // Kestrel refused the request target (e.g. an encoded NUL in the path) before any middleware ran.
            Assert.Equal("", text);
            Assert.Equal(before, await SnapshotAsync());
            Assert.Equal(0, await api.ScalarAsync<long>("select count(*) from api_audit where id > @auditBefore", new { auditBefore }));
            return;
        }

        // The refusal is in the audit log like any answer: one row, with the status the caller got.
        var audited = (await AuditStatusesAsync(auditBefore)).ToList();
        Assert.True(audited.SequenceEqual([status]), $"{name}: audit rows {string.Join(",", audited)} for a {status}");

        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        var error = JsonDocument.Parse(text).RootElement;
        Assert.Equal(c.Code, error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString();
        Corpus.AssertVietnamese(message, name);
        if (c.MessagePiece is { } piece)
        {
            Assert.Contains(piece, message, StringComparison.Ordinal);
        }

        foreach (var (field, code) in c.FieldErrors)
        {
            var errors = error.GetProperty("errors").EnumerateArray().ToList();
            Assert.Contains(errors, e => e.GetProperty("field").GetString() == field && e.GetProperty("code").GetString() == code);
            Assert.All(errors, e => Corpus.AssertVietnamese(e.GetProperty("message").GetString(), $"{name} {field}"));
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public void TheCorpus_HasAtLeastFiftyRequests()
    {
        Assert.True(Cases.Cast<object>().Count() >= 50, $"{Cases.Cast<object>().Count()} cases");
    }

    private string Expand(string target) => target
        .Replace("{{report:A}}", fixture.ReportA.ToString(), StringComparison.Ordinal)
        .Replace("{{report:B}}", fixture.ReportB.ToString(), StringComparison.Ordinal);

    /// <summary>An input workbook as the admin downloads it, with values typed in as a clerk would.</summary>
    private async Task<byte[]> WorkbookAsync(string route, IReadOnlyList<(string Code, string Value)> sets, bool truncate)
    {
        using var admin = fixture.Api.Client(fixture.Api.KeyAdmin);
        var bytes = await admin.GetByteArrayAsync($"/api/inputs/{route}/workbook");
        if (truncate)
        {
            return bytes[..(bytes.Length / 2)];
        }

        return sets.Count == 0 ? bytes : InputWorkbookFilling.Fill(bytes, book =>
        {
            foreach (var (code, value) in sets)
            {
                InputWorkbookFilling.Set(InputWorkbookFilling.ValueCell(book, code), value);
            }
        });
    }

    private async Task<IEnumerable<int>> AuditStatusesAsync(long after)
    {
        await using var connection = await fixture.Api.Database.DataSource.OpenConnectionAsync();
        return await Dapper.SqlMapper.QueryAsync<int>(connection, "select status_code from api_audit where id > @after order by id", new { after });
    }

    /// <summary>What a rejected request must not change: the queue, the inputs and their history, the keys.</summary>
    private Task<string> SnapshotAsync() => fixture.Api.ScalarAsync<string>("""
        select concat_ws(' | ',
          (select count(*) from adhoc_request), (select count(*) from adhoc_product),
          (select md5(coalesce(string_agg(concat_ws('/', unit_code, kind, period_code, field_code, value, updated_by), ',' order by unit_code, kind, period_code, field_code), '')) from unit_input),
          (select count(*) from unit_input_history), (select count(*) from api_key))
        """);
}
