using System.Net;
using System.Text;
using System.Text.Json;

namespace Reporting.Tests.Api;

/// <summary>Every bad input gets its status, stable code and a Vietnamese message, and never a 5xx.</summary>
public sealed class ReportsApiValidationTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    public enum Who { Nobody, WellFormedUnknown, Garbage, A, HomeAffairs, Archivist }

    private const string Ok = """{"kind":"adhoc","unit":"A","from":"2026-02-01","to":"2026-02-28","formats":["pdf"]}""";

    public static TheoryData<string, Who, string, string, string?, int, string, string> Cases => new()
    {
        // name, who, method, path, body, status, code, a piece of the message
        { "no key", Who.Nobody, "POST", "/api/reports", Ok, 401, "API_KEY_MISSING", "Thiếu khóa API" },
        { "no key on a read", Who.Nobody, "GET", "/api/reports", null, 401, "API_KEY_MISSING", "Thiếu khóa API" },
        { "unknown key", Who.WellFormedUnknown, "POST", "/api/reports", Ok, 401, "API_KEY_UNKNOWN", "không đúng" },
        { "garbage key", Who.Garbage, "GET", "/api/reports", null, 401, "API_KEY_UNKNOWN", "không đúng" },
        { "malformed json", Who.A, "POST", "/api/reports", """{"kind":"adhoc",""", 400, "API_JSON_MALFORMED", "không phải JSON" },
        { "empty body", Who.A, "POST", "/api/reports", "", 400, "API_JSON_MALFORMED", "không phải JSON" },
        { "json null", Who.A, "POST", "/api/reports", "null", 400, "API_JSON_MALFORMED", "không phải JSON" },
        { "json array", Who.A, "POST", "/api/reports", "[1,2]", 400, "API_JSON_MALFORMED", "không phải JSON" },
        { "unknown member", Who.A, "POST", "/api/reports", """{"kind":"adhoc","unit":"A","from":"2026-02-01","to":"2026-02-28","formats":["pdf"],"sql":"drop table dossier"}""", 400, "API_JSON_MALFORMED", "không phải JSON" },
        { "formats not a list", Who.A, "POST", "/api/reports", """{"kind":"adhoc","unit":"A","from":"2026-02-01","to":"2026-02-28","formats":"pdf"}""", 400, "API_JSON_MALFORMED", "không phải JSON" },
        { "missing kind", Who.A, "POST", "/api/reports", """{"unit":"A","from":"2026-02-01","to":"2026-02-28","formats":["pdf"]}""", 400, "API_FIELD_MISSING", "\"kind\"" },
        { "missing unit", Who.A, "POST", "/api/reports", """{"kind":"adhoc","from":"2026-02-01","to":"2026-02-28","formats":["pdf"]}""", 400, "API_FIELD_MISSING", "\"unit\"" },
        { "missing to", Who.A, "POST", "/api/reports", """{"kind":"adhoc","unit":"A","from":"2026-02-01","formats":["pdf"]}""", 400, "API_FIELD_MISSING", "\"to\"" },
        { "missing period", Who.A, "POST", "/api/reports", """{"kind":"quarter","unit":"A","formats":["pdf"]}""", 400, "API_FIELD_MISSING", "\"period\"" },
        { "missing formats", Who.A, "POST", "/api/reports", """{"kind":"adhoc","unit":"A","from":"2026-02-01","to":"2026-02-28"}""", 400, "API_FIELD_MISSING", "\"formats\"" },
        { "empty formats", Who.A, "POST", "/api/reports", """{"kind":"adhoc","unit":"A","from":"2026-02-01","to":"2026-02-28","formats":[]}""", 400, "API_FIELD_MISSING", "\"formats\"" },
        { "unknown kind", Who.A, "POST", "/api/reports", """{"kind":"weekly","unit":"A","period":"2026","formats":["pdf"]}""", 400, "KIND_INVALID", "Loại kỳ báo cáo 'weekly'" },
        { "unknown format", Who.A, "POST", "/api/reports", """{"kind":"adhoc","unit":"A","from":"2026-02-01","to":"2026-02-28","formats":["pdf","docx"]}""", 400, "API_FORMAT_INVALID", "'docx'" },
        { "unknown unit", Who.A, "POST", "/api/reports", """{"kind":"adhoc","unit":"ZZZ","from":"2026-02-01","to":"2026-02-28","formats":["pdf"]}""", 400, "UNIT_UNKNOWN", "'ZZZ'" },
        { "unit with sql", Who.A, "POST", "/api/reports", """{"kind":"adhoc","unit":"A' or '1'='1","from":"2026-02-01","to":"2026-02-28","formats":["pdf"]}""", 400, "UNIT_UNKNOWN", "Không có đơn vị" },
        { "from after to", Who.A, "POST", "/api/reports", """{"kind":"adhoc","unit":"A","from":"2026-03-01","to":"2026-02-01","formats":["pdf"]}""", 400, "API_WINDOW_REVERSED", "sau ngày kết thúc" },
        { "window too long", Who.A, "POST", "/api/reports", """{"kind":"adhoc","unit":"A","from":"2024-01-01","to":"2025-12-31","formats":["pdf"]}""", 400, "API_WINDOW_TOO_LONG", "tối đa 366 ngày" },
        { "date in the future", Who.A, "POST", "/api/reports", """{"kind":"adhoc","unit":"A","from":"2099-01-01","to":"2099-01-31","formats":["pdf"]}""", 400, "API_DATE_IN_FUTURE", "tương lai" },
        { "period in the future", Who.A, "POST", "/api/reports", """{"kind":"quarter","unit":"A","period":"2099-Q1","formats":["pdf"]}""", 400, "API_DATE_IN_FUTURE", "tương lai" },
        { "not a date", Who.A, "POST", "/api/reports", """{"kind":"adhoc","unit":"A","from":"2026-13-01","to":"2026-02-28","formats":["pdf"]}""", 400, "PERIOD_INVALID", "YYYY-MM-DD" },
        { "path in a date", Who.A, "POST", "/api/reports", """{"kind":"adhoc","unit":"A","from":"../../etc/passwd","to":"2026-02-28","formats":["pdf"]}""", 400, "PERIOD_INVALID", "YYYY-MM-DD" },
        { "bad quarter", Who.A, "POST", "/api/reports", """{"kind":"quarter","unit":"A","period":"2026-Q5","formats":["pdf"]}""", 400, "PERIOD_INVALID", "không hợp lệ" },
        { "dates on a quarter", Who.A, "POST", "/api/reports", """{"kind":"quarter","unit":"A","from":"2026-01-01","to":"2026-02-01","formats":["pdf"]}""", 400, "PERIOD_INVALID", "chỉ dùng cho adhoc" },
        { "period and dates", Who.A, "POST", "/api/reports", """{"kind":"adhoc","unit":"A","period":"2026-01-01..2026-02-01","from":"2026-01-01","to":"2026-02-01","formats":["pdf"]}""", 400, "PERIOD_INVALID", "Chỉ dùng một" },
        { "unknown field", Who.A, "POST", "/api/reports", """{"kind":"adhoc","unit":"A","from":"2026-02-01","to":"2026-02-28","fields":["HT","NOPE"],"formats":["pdf"]}""", 400, "API_FIELD_UNKNOWN", "'NOPE'" },
        { "body too large", Who.A, "POST", "/api/reports", "{\"kind\":\"adhoc\",\"unit\":\"" + new string('x', 20_000) + "\"}", 413, "API_BODY_TOO_LARGE", "vượt quá 16384 byte" },
        { "other unit", Who.A, "POST", "/api/reports", """{"kind":"adhoc","unit":"B","from":"2026-02-01","to":"2026-02-28","formats":["pdf"]}""", 403, "API_OUT_OF_SCOPE", "đơn vị mình" },
        { "the province for a department", Who.A, "POST", "/api/reports", """{"kind":"adhoc","unit":"province","from":"2026-02-01","to":"2026-02-28","formats":["pdf"]}""", 403, "API_OUT_OF_SCOPE", "đơn vị mình" },
        { "archivist requests", Who.Archivist, "POST", "/api/reports", Ok, 403, "API_ROLE_FORBIDDEN", "'archivist'" },
        { "archivist reads a report", Who.Archivist, "GET", "/api/reports/" + Guid.NewGuid(), null, 403, "API_ROLE_FORBIDDEN", "'archivist'" },
        { "department searches the archive", Who.A, "GET", "/api/archive", null, 403, "API_ROLE_FORBIDDEN", "'department'" },
        { "department tracks", Who.A, "GET", "/api/tracking?period=2026", null, 403, "API_ROLE_FORBIDDEN", "'department'" },
        { "id not a guid", Who.A, "GET", "/api/reports/12345", null, 404, "API_REPORT_NOT_FOUND", "Không tìm thấy" },
        { "id with a path", Who.A, "GET", "/api/reports/..%2F..%2Fetc%2Fpasswd/pdf", null, 404, "API_REPORT_NOT_FOUND", "Không tìm thấy" },
        { "guessed id", Who.A, "GET", "/api/reports/" + Guid.NewGuid(), null, 404, "API_REPORT_NOT_FOUND", "Không tìm thấy" },
        { "guessed id download", Who.A, "GET", "/api/reports/" + Guid.NewGuid() + "/xlsx", null, 404, "API_REPORT_NOT_FOUND", "Không tìm thấy" },
        { "page zero", Who.A, "GET", "/api/reports?page=0", null, 400, "API_PAGE_INVALID", "số nguyên dương" },
        { "page size not a number", Who.A, "GET", "/api/reports?pageSize=abc", null, 400, "API_PAGE_INVALID", "số nguyên dương" },
        { "page size too big", Who.A, "GET", "/api/reports?pageSize=1000", null, 400, "API_PAGE_INVALID", "từ 1 đến 100" },
        { "status wait too long", Who.A, "GET", "/api/reports/00000000-0000-0000-0000-000000000000?wait=31", null, 400, "API_WAIT_INVALID", "từ 0 đến 30" },
        { "status wait not a number", Who.A, "GET", "/api/reports/00000000-0000-0000-0000-000000000000?wait=soon", null, 400, "API_WAIT_INVALID", "số giây" },
        { "tracking without period", Who.HomeAffairs, "GET", "/api/tracking", null, 400, "API_FIELD_MISSING", "\"period\"" },
        { "tracking bad period", Who.HomeAffairs, "GET", "/api/tracking?period=2026-Q9", null, 400, "PERIOD_INVALID", "không hợp lệ" },
        { "archive bad kind", Who.Archivist, "GET", "/api/archive?kind=weekly", null, 400, "KIND_INVALID", "'weekly'" },
        { "units bad date", Who.A, "GET", "/api/units?on=yesterday", null, 400, "PERIOD_INVALID", "YYYY-MM-DD" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_GetsItsStatusCodeAndVietnameseMessage_NeverA5xx(
        string name, Who who, string method, string path, string? body, int status, string code, string messagePiece)
    {
        using var client = api.Client(who switch
        {
            Who.Nobody => null,
            Who.WellFormedUnknown => "rk_00000000_" + new string('A', 43),
            Who.Garbage => "not-a-key",
            Who.A => api.KeyA,
            Who.HomeAffairs => api.KeyHomeAffairs,
            _ => api.KeyArchivist,
        });
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode < 500, $"{name}: {response.StatusCode} {text}");
        Assert.True(status == (int)response.StatusCode, $"{name}: expected {status}, got {(int)response.StatusCode} {text}");
        var error = JsonDocument.Parse(text).RootElement;
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Contains(messagePiece, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChunkedBodyOverTheLimit_Is413_EvenWithoutAContentLength()
    {
        using var client = api.Client(api.KeyA);
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(new string(' ', 40_000) + Ok)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("API_BODY_TOO_LARGE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task XApiKeyHeader_AuthenticatesLikeBearer()
    {
        using var client = api.Client(null);
        client.DefaultRequestHeaders.Add("X-Api-Key", api.KeyA);

        using var response = await client.GetAsync("/api/reports");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RevokedKey_Is401()
    {
        var (token, prefix) = await new Reporting.Worker.Api.ApiKeyStore(api.Warehouse).CreateAsync("A", Reporting.Worker.Api.ApiRole.Department, default);
        using var client = api.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/reports")).StatusCode);

        await new Reporting.Worker.Api.ApiKeyStore(api.Warehouse).RevokeAsync(prefix, default);

        using var response = await client.GetAsync("/api/reports");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("API_KEY_UNKNOWN", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/test/throws-reporting", 400, "TEST_CODE", "Lỗi thử nghiệm.")]
    [InlineData("/api/test/throws-other", 500, "API_INTERNAL", "Lỗi hệ thống; đã ghi nhật ký. Xin thử lại hoặc báo quản trị.")]
    public async Task AnExceptionEscapingAHandler_IsMapped_ReportingExceptionTo400_TheRestTo500WithoutDetails(
        string path, int status, string code, string message)
    {
        using var response = await api.Client(api.KeyA).GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
    }
}
