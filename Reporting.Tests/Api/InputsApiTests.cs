using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Reporting.Templates.Model;
using Reporting.Worker.Inputs;

using Reporting.Tests.Inputs;

namespace Reporting.Tests.Api;

/// <summary>
/// Unit inputs over real HTTP (loopback Kestrel, real PostgreSQL): the definition, save with per-field errors,
/// scope per role, copy-forward, the input workbook down and up, body limits and the audit.
/// </summary>
public sealed class InputsApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Markup = "<script>alert('x')</script> & <b>đậm</b> =SUM(A1)";

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static string PrefixOf(string key) => key.Substring(3, 8);

    [Fact]
    public async Task Definition_DescribesEveryField_ForTheKindAsked_AndRefusesAMissingOrUnknownKind()
    {
        using var client = api.Client(api.KeyA);
        var definition = await client.GetFromJsonAsync<JsonElement>("/api/inputs/definition?kind=quarter");
        Assert.Equal(InputDefinitions.Version, definition.GetProperty("version").GetString());
        Assert.Equal("quarter", definition.GetProperty("kind").GetString());
        var fields = definition.GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal(InputDefinitions.All.Count, fields.Count);
        var tthc = fields.Single(f => f.GetProperty("code").GetString() == "II.2.a");
        Assert.Equal("narrative", tthc.GetProperty("type").GetString());
        Assert.True(tthc.GetProperty("required").GetBoolean());
        Assert.Equal(InputDefinitions.NarrativeMaxLength, tthc.GetProperty("maxLength").GetInt32());

        using var missing = await client.GetAsync("/api/inputs/definition");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("API_FIELD_MISSING", (await BodyAsync(missing)).GetProperty("code").GetString());
        using var unknown = await client.GetAsync("/api/inputs/definition?kind=weekly");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("KIND_INVALID", (await BodyAsync(unknown)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Put_StoresCanonicalValues_WithTheKeyAsAuthor_AndGetShowsThemWithTheMissingRequired()
    {
        using var client = api.Client(api.KeyA);
        using var put = await client.PutAsync("/api/inputs/A/quarter/2026-Q1", Json(new Dictionary<string, object?>
        {
            ["I.2"] = "Ban hành 5 văn bản chỉ đạo.\n- Họp giao ban hằng tháng.\n- " + Markup,
            ["CD_VAN_BAN_CHI_DAO"] = 12,
            ["CQS_VB_DIEN_TU"] = "88,04",
            ["CD_KE_HOACH_NGAY"] = "05/02/2026",
            ["CV_KY_LUAT"] = null,
        }));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var saved = await BodyAsync(put);
        Assert.Equal(["CD_KE_HOACH_NGAY", "CD_VAN_BAN_CHI_DAO", "CQS_VB_DIEN_TU", "I.2"],
            saved.GetProperty("changed").EnumerateArray().Select(c => c.GetString()!).Order(StringComparer.Ordinal));

        var view = await client.GetFromJsonAsync<JsonElement>("/api/inputs/A/quarter/2026-Q1");
        Assert.Equal("A", view.GetProperty("unit").GetString());
        Assert.Equal("Sở Tư pháp", view.GetProperty("unitName").GetString());
        var values = view.GetProperty("values");
        Assert.Equal("12", values.GetProperty("CD_VAN_BAN_CHI_DAO").GetString());
        Assert.Equal("88.04", values.GetProperty("CQS_VB_DIEN_TU").GetString());
        Assert.Equal("2026-02-05", values.GetProperty("CD_KE_HOACH_NGAY").GetString());
        Assert.EndsWith(Markup, values.GetProperty("I.2").GetString(), StringComparison.Ordinal);
        Assert.False(values.TryGetProperty("CV_KY_LUAT", out _));
        Assert.Equal($"{PrefixOf(api.KeyA)}/A", view.GetProperty("updated").GetProperty("I.2").GetProperty("by").GetString());
        var missing = view.GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("code").GetString()!).ToList();
        Assert.Contains("II.2.a", missing);
        Assert.Contains("III", missing);
        Assert.DoesNotContain("I.2", missing);
        Assert.False(view.GetProperty("ready").GetBoolean());

        // Saving the same values again changes nothing and writes no history.
        using var again = await client.PutAsync("/api/inputs/A/quarter/2026-Q1", Json(new Dictionary<string, object?> { ["CD_VAN_BAN_CHI_DAO"] = "12" }));
        Assert.Empty((await BodyAsync(again)).GetProperty("changed").EnumerateArray());
        Assert.Equal(4L, await api.ScalarAsync<long>(
            "select count(*) from unit_input_history where unit_code = 'A' and period_code = '2026-Q1' and author = @author and action = 'edit'",
            new { author = $"{PrefixOf(api.KeyA)}/A" }));

        // The audit names what was read and written, not only the route pattern.
        Assert.True(await api.ScalarAsync<long>(
            "select count(*) from api_audit where method = 'PUT' and route = '/api/inputs/{unit}/{kind}/{period}' and subject = 'A/quarter/2026-Q1' and status_code = 200 and key_prefix = @prefix",
            new { prefix = PrefixOf(api.KeyA) }) >= 2);
    }

    [Fact]
    public async Task Put_WithInvalidValues_Answers400WithACodeAndMessagePerField_AndStoresNothing()
    {
        using var client = api.Client(api.KeyA);
        using var put = await client.PutAsync("/api/inputs/A1/quarter/2026-Q1", Json(new Dictionary<string, object?>
        {
            ["I.2"] = "Nội dung hợp lệ.",
            ["CQS_VB_DIEN_TU"] = "120",
            ["CD_VAN_BAN_CHI_DAO"] = "-3",
            ["CD_KE_HOACH_NGAY"] = "31/02/2026",
            ["CD_KE_HOACH_SO_HIEU"] = "12/KH\nUBND",
            ["CQS_VB_KY_SO"] = "88,045",
            ["II.1"] = new string('x', InputDefinitions.NarrativeMaxLength + 1),
            ["KHONG_CO"] = "1",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var body = await BodyAsync(put);
        Assert.Equal("INPUT_REJECTED", body.GetProperty("code").GetString());
        var errors = body.GetProperty("errors").EnumerateArray()
            .ToDictionary(e => e.GetProperty("field").GetString()!, e => e.GetProperty("code").GetString()!);
        Assert.Equal(new Dictionary<string, string>
        {
            ["CQS_VB_DIEN_TU"] = "INPUT_PERCENT_OUT_OF_RANGE",
            ["CD_VAN_BAN_CHI_DAO"] = "INPUT_NEGATIVE",
            ["CD_KE_HOACH_NGAY"] = "INPUT_NOT_DATE",
            ["CD_KE_HOACH_SO_HIEU"] = "INPUT_MULTILINE",
            ["CQS_VB_KY_SO"] = "INPUT_PERCENT_PRECISION",
            ["II.1"] = "INPUT_TOO_LONG",
            ["KHONG_CO"] = "INPUT_UNKNOWN_FIELD",
        }, errors);
        Assert.All(body.GetProperty("errors").EnumerateArray(), e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("message").GetString())));

        var view = await client.GetFromJsonAsync<JsonElement>("/api/inputs/A1/quarter/2026-Q1");
        Assert.Empty(view.GetProperty("values").EnumerateObject());

        foreach (var (text, code) in new[]
                 {
                     ("[1, 2]", "API_JSON_MALFORMED"),
                     ("{\"I.2\": true}", "API_JSON_MALFORMED"),
                     ("{\"I.2\": {\"a\": 1}}", "API_JSON_MALFORMED"),
                     ("not json", "API_JSON_MALFORMED"),
                 })
        {
            using var response = await client.PutAsync("/api/inputs/A1/quarter/2026-Q1", new StringContent(text, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(code, (await BodyAsync(response)).GetProperty("code").GetString());
        }

        using var duplicate = await client.PutAsync("/api/inputs/A1/quarter/2026-Q1",
            new StringContent("{\"I.2\": \"a\", \"I.2\": \"b\"}", Encoding.UTF8, "application/json"));
        Assert.Equal("INPUT_DUPLICATE_FIELD", (await BodyAsync(duplicate)).GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task History_ListsEveryChangeOldestFirst_WithOldAndNewValueAuthorAndAction_OnlyWithinTheKeysScope()
    {
        using var a = api.Client(api.KeyA);
        using var b = api.Client(api.KeyB);
        using var archivist = api.Client(api.KeyArchivist);
        Assert.Equal(HttpStatusCode.OK, (await a.PutAsync("/api/inputs/A/nine-months/2026-9M", Json(new Dictionary<string, object?> { ["CD_VAN_BAN_CHI_DAO"] = 7 }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.PutAsync("/api/inputs/A/nine-months/2026-9M", Json(new Dictionary<string, object?> { ["CD_VAN_BAN_CHI_DAO"] = 9, ["IV"] = Markup }))).StatusCode);

        var history = await a.GetFromJsonAsync<JsonElement>("/api/inputs/A/nine-months/2026-9M/history");
        Assert.Equal("Sở Tư pháp", history.GetProperty("unitName").GetString());
        var changes = history.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(3, changes.Count);
        Assert.Equal(("CD_VAN_BAN_CHI_DAO", "7"), (changes[0].GetProperty("field").GetString(), changes[0].GetProperty("newValue").GetString()));
        Assert.False(changes[0].TryGetProperty("oldValue", out _)); // there was no value before: null, left out like every null
        var second = changes.Single(c => c.GetProperty("field").GetString() == "CD_VAN_BAN_CHI_DAO" && c.GetProperty("newValue").GetString() == "9");
        Assert.Equal("7", second.GetProperty("oldValue").GetString());
        Assert.Equal($"{PrefixOf(api.KeyA)}/A", second.GetProperty("author").GetString());
        Assert.Equal("edit", second.GetProperty("action").GetString());
        Assert.False(string.IsNullOrWhiteSpace(second.GetProperty("label").GetString()));
        Assert.NotEqual("CD_VAN_BAN_CHI_DAO", second.GetProperty("label").GetString());
        Assert.Equal(Markup, changes.Single(c => c.GetProperty("field").GetString() == "IV").GetProperty("newValue").GetString());

        Assert.Equal(HttpStatusCode.OK, (await archivist.GetAsync("/api/inputs/A/nine-months/2026-9M/history")).StatusCode);
        using var foreign = await b.GetAsync("/api/inputs/A/nine-months/2026-9M/history");
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("API_OUT_OF_SCOPE", (await BodyAsync(foreign)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Scope_DepartmentEditsItsUnitAndSubUnits_HomeAffairsAnyUnit_ArchivistOnlyReads()
    {
        using var a = api.Client(api.KeyA);
        using var home = api.Client(api.KeyHomeAffairs);
        using var archivist = api.Client(api.KeyArchivist);
        var body = new Dictionary<string, object?> { ["IV"] = "Phương hướng kỳ tới." };

        Assert.Equal(HttpStatusCode.OK, (await a.PutAsync("/api/inputs/A1/half/2026-H1", Json(body))).StatusCode);
        foreach (var unit in new[] { "B", "SNV", "province", "P" })
        {
            using var put = await a.PutAsync($"/api/inputs/{unit}/half/2026-H1", Json(body));
            Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
            Assert.Equal("API_OUT_OF_SCOPE", (await BodyAsync(put)).GetProperty("code").GetString());
            using var get = await a.GetAsync($"/api/inputs/{unit}/half/2026-H1/workbook");
            Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await home.PutAsync("/api/inputs/B/half/2026-H1", Json(body))).StatusCode);

        // The province agency stands for the consolidated report: its inputs are kept under "province".
        using var viaAgency = await home.PutAsync("/api/inputs/P/half/2026-H1", Json(body));
        Assert.Equal("province", (await BodyAsync(viaAgency)).GetProperty("unit").GetString());
        var consolidated = await home.GetFromJsonAsync<JsonElement>("/api/inputs/province/half/2026-H1");
        Assert.Equal("Phương hướng kỳ tới.", consolidated.GetProperty("values").GetProperty("IV").GetString());

        Assert.Equal(HttpStatusCode.OK, (await archivist.GetAsync("/api/inputs/B/half/2026-H1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await archivist.GetAsync("/api/inputs/B/half/2026-H1/workbook")).StatusCode);
        foreach (var write in new Func<Task<HttpResponseMessage>>[]
                 {
                     () => archivist.PutAsync("/api/inputs/B/half/2026-H1", Json(body)),
                     () => archivist.PostAsync("/api/inputs/B/half/2026-H1/copy-forward", null),
                     () => archivist.PostAsync("/api/inputs/B/half/2026-H1/workbook", new ByteArrayContent([1, 2, 3])),
                 })
        {
            using var response = await write();
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("API_ROLE_FORBIDDEN", (await BodyAsync(response)).GetProperty("code").GetString());
        }

        foreach (var (path, code) in new[]
                 {
                     ("/api/inputs/NOPE/half/2026-H1", "UNIT_UNKNOWN"),
                     ("/api/inputs/A/half/2026-Q3", "PERIOD_INVALID"),
                     ("/api/inputs/A/weekly/2026-H1", "KIND_INVALID"),
                 })
        {
            using var response = await a.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(code, (await BodyAsync(response)).GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task CopyForward_FillsTheEmptyCarriedFieldsFromThePreviousPeriod_AndSaysWhenThereIsNone()
    {
        using var home = api.Client(api.KeyHomeAffairs);
        await home.PutAsync("/api/inputs/B/quarter/2026-Q1", Json(new Dictionary<string, object?>
        {
            ["II.3"] = "Kiện toàn tổ chức bộ máy.",
            ["III"] = "Đánh giá quý I.",
            ["CD_VAN_BAN_CHI_DAO"] = 7,
        }));
        await home.PutAsync("/api/inputs/B/quarter/2026-Q2", Json(new Dictionary<string, object?> { ["III"] = "Đánh giá quý II." }));

        using var copy = await home.PostAsync("/api/inputs/B/quarter/2026-Q2/copy-forward", null);
        Assert.Equal(HttpStatusCode.OK, copy.StatusCode);
        var view = await BodyAsync(copy);
        Assert.Equal("2026-Q1", view.GetProperty("copiedFrom").GetString());
        Assert.Equal(["II.3"], view.GetProperty("changed").EnumerateArray().Select(c => c.GetString()!));
        Assert.Equal("Đánh giá quý II.", view.GetProperty("values").GetProperty("III").GetString());
        Assert.False(view.GetProperty("values").TryGetProperty("CD_VAN_BAN_CHI_DAO", out _)); // a count of what happened is not carried

        using var none = await home.PostAsync("/api/inputs/B/nine-months/2026-9M/copy-forward", null);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal("INPUT_NO_PREVIOUS_PERIOD", (await BodyAsync(none)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Workbook_DownloadedFilledAndUploaded_RoundTripsEveryField_RawOrMultipart()
    {
        using var a = api.Client(api.KeyA);
        using var download = await a.GetAsync("/api/inputs/A1/annual/2026/workbook");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("nhap-lieu_A1_annual_2026.xlsx", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var blank = await download.Content.ReadAsByteArrayAsync();

        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        var filled = InputWorkbookFilling.Fill(blank, book =>
        {
            var i = 0;
            foreach (var field in InputDefinitions.For(ReportKind.Annual).Fields)
            {
                var (typed, stored) = Entry(field, i++);
                InputWorkbookFilling.Set(InputWorkbookFilling.ValueCell(book, field.Code), typed);
                expected[field.Code] = stored;
            }
        });

        using var upload = await a.PostAsync("/api/inputs/A1/annual/2026/workbook", new ByteArrayContent(filled));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var view = await BodyAsync(upload);
        Assert.Equal(expected.Count, view.GetProperty("changed").GetArrayLength());
        Assert.True(view.GetProperty("ready").GetBoolean());
        var values = view.GetProperty("values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        Assert.Equal(expected, values);
        Assert.Equal($"{PrefixOf(api.KeyA)}/A", view.GetProperty("updated").GetProperty("V").GetProperty("by").GetString());

        // The downloaded workbook now carries the values; uploading it unchanged as a form file changes nothing.
        var again = await (await a.GetAsync("/api/inputs/A1/annual/2026/workbook")).Content.ReadAsByteArrayAsync();
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(again);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(new StringContent("ghi chú"), "note");
        form.Add(part, "file", "nhap-lieu_A1_annual_2026.xlsx");
        using var multipart = await a.PostAsync("/api/inputs/A1/annual/2026/workbook", form);
        Assert.Equal(HttpStatusCode.OK, multipart.StatusCode);
        Assert.Empty((await BodyAsync(multipart)).GetProperty("changed").EnumerateArray());

        // Another unit's route: the workbook names its own unit and period, so it is refused.
        using var mismatch = await a.PostAsync("/api/inputs/A/annual/2026/workbook", new ByteArrayContent(again));
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Equal("INPUT_WORKBOOK_MISMATCH", (await BodyAsync(mismatch)).GetProperty("code").GetString());

        // A bad value: the error names sheet, row and field, and nothing is stored.
        var bad = InputWorkbookFilling.Fill(again, book =>
        {
            InputWorkbookFilling.ValueCell(book, "CQS_VB_DIEN_TU").SetValue(140.0);
            InputWorkbookFilling.ValueCell(book, "IV").SetValue("Đổi nội dung");
        });
        using var rejected = await a.PostAsync("/api/inputs/A1/annual/2026/workbook", new ByteArrayContent(bad));
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        var error = (await BodyAsync(rejected)).GetProperty("errors").EnumerateArray().Single();
        Assert.Equal("CQS_VB_DIEN_TU", error.GetProperty("field").GetString());
        Assert.Equal("INPUT_PERCENT_OUT_OF_RANGE", error.GetProperty("code").GetString());
        Assert.Equal(InputWorkbook.IndicatorSheet, error.GetProperty("sheet").GetString());
        Assert.True(error.GetProperty("row").GetInt32() >= InputWorkbook.FirstRow);
        var after = await a.GetFromJsonAsync<JsonElement>("/api/inputs/A1/annual/2026");
        Assert.Equal(expected["IV"], after.GetProperty("values").GetProperty("IV").GetString());

        using var notExcel = await a.PostAsync("/api/inputs/A1/annual/2026/workbook", new ByteArrayContent("không phải excel"u8.ToArray()));
        Assert.Equal("INPUT_WORKBOOK_INVALID", (await BodyAsync(notExcel)).GetProperty("code").GetString());
        using var empty = await a.PostAsync("/api/inputs/A1/annual/2026/workbook", new ByteArrayContent([]));
        Assert.Equal("API_FIELD_MISSING", (await BodyAsync(empty)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Bodies_OverTheirLimits_Answer413_DeclaredOrChunked()
    {
        var (host, _) = await api.StartHostAsync(new() { ["Api:MaxInputsBodyBytes"] = "16384", ["Api:MaxWorkbookBytes"] = "16384", ["Api:ProcessQueue"] = "false" });
        using var a = api.Client(api.KeyA, Reporting.Worker.Api.ApiHost.Address(host));
        var big = JsonSerializer.Serialize(new Dictionary<string, string> { ["I.2"] = new string('x', 20_000) });
        using var declared = await a.PutAsync("/api/inputs/A/annual/2026", new StringContent(big, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal("API_BODY_TOO_LARGE", (await BodyAsync(declared)).GetProperty("code").GetString());

        using var chunked = new StreamContent(new NonSeekable(new byte[20_000]));
        using var upload = await a.PostAsync("/api/inputs/A/annual/2026/workbook", chunked);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, upload.StatusCode);
        Assert.Equal("API_BODY_TOO_LARGE", (await BodyAsync(upload)).GetProperty("code").GetString());
    }

    private static (object Typed, string Stored) Entry(InputField field, int i) => field.Type switch
    {
        InputFieldType.Narrative => ($"Mục {field.Code}: đoạn một.\n- ý {i}\n- {Markup}", $"Mục {field.Code}: đoạn một.\n- ý {i}\n- {Markup}"),
        InputFieldType.Count => ((double)(1000 + i), (1000 + i).ToString(CultureInfo.InvariantCulture)),
        InputFieldType.Percentage => (87.5 + i / 100.0, (87.5m + i / 100m).ToString("0.00", CultureInfo.InvariantCulture)),
        InputFieldType.Date => (new DateTime(2026, 1, 5 + i % 20), new DateOnly(2026, 1, 5 + i % 20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        _ => ($"<b>{i}</b>/KH-UBND", $"<b>{i}</b>/KH-UBND"),
    };


    /// <summary>A stream with no length, so HttpClient sends it chunked (no Content-Length to refuse early).</summary>
    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
