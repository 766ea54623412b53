using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using Npgsql;

namespace Reporting.Tests.Api;

/// <summary>Round trip, reuse, scope between departments, the audit log and the processor's take-over.</summary>
public sealed class ReportsApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Request_Progress_Download_RoundTrip_GivesAPdfPdftotextReads_AndAWorkbook()
    {
        using var client = api.Client(api.KeyA);
        using var post = await client.PostAsJsonAsync("/api/reports",
            new { kind = "adhoc", unit = "A", from = "2026-01-01", to = "2026-03-31", formats = new[] { "pdf", "xlsx" } });
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var accepted = await post.Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("id").GetGuid();
        Assert.Equal($"/api/reports/{id}", post.Headers.Location?.OriginalString);
        Assert.Equal(4, (int)id.ToString()[14] - '0'); // a random (v4) GUID, not a sequence

        var status = await ApiFixture.WaitFinishedAsync(client, id);
        Assert.Equal("done", status.GetProperty("state").GetString());
        Assert.Equal(100, status.GetProperty("progress").GetInt32());
        Assert.Equal($"/api/reports/{id}/pdf", status.GetProperty("links").GetProperty("pdf").GetString());
        Assert.Equal(64, status.GetProperty("fingerprint").GetString()!.Length);

        using var pdf = await client.GetAsync($"/api/reports/{id}/pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var disposition = pdf.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("2026-01-01..2026-03-31_A_adhoc.pdf", disposition.FileName?.Trim('"'));
        Assert.Contains("filename*=UTF-8''", pdf.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);
        var text = PdfToText(bytes);
        Assert.Contains("BAO CAO DOT XUAT", text, StringComparison.Ordinal);
        Assert.Contains("So ho so tiep nhan: 12", text, StringComparison.Ordinal);

        using var xlsx = await client.GetAsync($"/api/reports/{id}/xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var book = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        Assert.Equal("A", book.Worksheet(1).Cell(2, 2).GetString());
        Assert.Equal(12, book.Worksheet(1).Cell(4, 2).GetValue<int>());
    }

    [Fact]
    public async Task SameRequestTwice_RendersOnce_AndNewDataRendersAgain()
    {
        using var client = api.Client(api.KeyA);
        var body = new { kind = "adhoc", unit = "A1", from = "2026-04-01", to = "2026-04-30", fields = new[] { "HT" }, formats = new[] { "xlsx", "pdf" } };
        var before = api.Producer.Produced;

        var first = await ApiFixture.WaitFinishedAsync(client, await ApiFixture.RequestAsync(client, body));
        var second = await ApiFixture.WaitFinishedAsync(client, await ApiFixture.RequestAsync(client,
            new { kind = "adhoc", unit = "A1", from = "2026-04-01", to = "2026-04-30", fields = new[] { "HT", "HT" }, formats = new[] { "pdf", "xlsx" } }));

        Assert.Equal(before + 1, api.Producer.Produced);
        Assert.False(first.GetProperty("reused").GetBoolean());
        Assert.True(second.GetProperty("reused").GetBoolean());
        Assert.Equal(first.GetProperty("fingerprint").GetString(), second.GetProperty("fingerprint").GetString());

        // Late data: a new dossier in the window changes the fingerprint, so the report is made again.
        await api.ExecuteAsync("""
            insert into dossier (code, procedure_id, receiving_agency_id, deciding_agency_id, channel, received_at, state)
            select 'LATE-1', 1, a.id, a.id, 1, timestamptz '2026-04-10 10:00+07', 'in_progress' from agency a where a.code = 'A1'
            """);
        var third = await ApiFixture.WaitFinishedAsync(client, await ApiFixture.RequestAsync(client, body));
        Assert.Equal(before + 2, api.Producer.Produced);
        Assert.False(third.GetProperty("reused").GetBoolean());
        Assert.NotEqual(first.GetProperty("fingerprint").GetString(), third.GetProperty("fingerprint").GetString());
    }

    [Fact]
    public async Task DepartmentB_CannotReadOrDownloadAsReport_AndGetsTheSame404AsForAnIdThatDoesNotExist()
    {
        using var a = api.Client(api.KeyA);
        using var b = api.Client(api.KeyB);
        var id = await ApiFixture.RequestAsync(a, new { kind = "adhoc", unit = "A", from = "2026-02-01", to = "2026-02-15", formats = new[] { "pdf" } });
        await ApiFixture.WaitFinishedAsync(a, id);

        var missing = await (await b.GetAsync($"/api/reports/{Guid.NewGuid()}")).Content.ReadAsStringAsync();
        foreach (var path in new[] { $"/api/reports/{id}", $"/api/reports/{id}/pdf", $"/api/reports/{id}/xlsx" })
        {
            using var response = await b.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(missing, await response.Content.ReadAsStringAsync());
        }

        var listed = await b.GetFromJsonAsync<JsonElement>("/api/reports?pageSize=100");
        Assert.DoesNotContain(listed.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);

        // Sở Nội vụ sees every unit; A sees its own.
        Assert.Equal(HttpStatusCode.OK, (await api.Client(api.KeyHomeAffairs).GetAsync($"/api/reports/{id}/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync($"/api/reports/{id}/pdf")).StatusCode);
    }

    [Fact]
    public async Task Department_RequestsItsSubUnit_ButNotASibling_AndHomeAffairsRequestsAnyUnit()
    {
        using var a = api.Client(api.KeyA);
        using var home = api.Client(api.KeyHomeAffairs);

        await ApiFixture.RequestAsync(a, new { kind = "adhoc", unit = "A1", from = "2026-02-01", to = "2026-02-10", formats = new[] { "pdf" } });
        using var sibling = await a.PostAsJsonAsync("/api/reports", new { kind = "adhoc", unit = "SNV", from = "2026-02-01", to = "2026-02-10", formats = new[] { "pdf" } });
        Assert.Equal(HttpStatusCode.Forbidden, sibling.StatusCode);
        await ApiFixture.RequestAsync(home, new { kind = "adhoc", unit = "B", from = "2026-02-01", to = "2026-02-10", formats = new[] { "pdf" } });
        await ApiFixture.RequestAsync(home, new { kind = "quarter", unit = "province", period = "2026-Q1", formats = new[] { "pdf" } });

        var units = await a.GetFromJsonAsync<JsonElement>("/api/units");
        Assert.Equal(["A", "A1"], units.EnumerateArray().Select(u => u.GetProperty("code").GetString()!).Order().ToArray());
    }

    [Fact]
    public async Task EveryRequestAndDownload_IsAudited_AndTheAuditLogRefusesChanges()
    {
        using var a = api.Client(api.KeyA);
        var id = await ApiFixture.RequestAsync(a, new { kind = "adhoc", unit = "A", from = "2026-02-01", to = "2026-02-20", formats = new[] { "pdf" } });
        await ApiFixture.WaitFinishedAsync(a, id);
        (await a.GetAsync($"/api/reports/{id}/pdf")).Dispose();
        (await api.Client(null).GetAsync("/api/reports")).Dispose();

        var prefix = api.KeyA[3..11];
        Assert.Equal(1, await api.ScalarAsync<long>(
            "select count(*) from api_audit where report_id = @id and method = 'POST' and route = '/api/reports' and status_code = 202 and key_prefix = @prefix and unit_code = 'A' and role = 'department'",
            new { id, prefix }));
        Assert.Equal(1, await api.ScalarAsync<long>(
            "select count(*) from api_audit where report_id = @id and route = '/api/reports/{id}/pdf' and status_code = 200 and key_prefix = @prefix",
            new { id, prefix }));
        Assert.True(await api.ScalarAsync<long>("select count(*) from api_audit where report_id = @id and route = '/api/reports/{id}' and status_code = 200", new { id }) >= 1);
        Assert.True(await api.ScalarAsync<long>("select count(*) from api_audit where key_prefix is null and status_code = 401") >= 1);

        var update = await Assert.ThrowsAsync<PostgresException>(() => api.ExecuteAsync("update api_audit set status_code = 200 where status_code = 401"));
        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PostgresException>(() => api.ExecuteAsync("delete from api_audit"));
    }

    [Fact]
    public async Task ARequestWhoseWorkerDied_IsTakenOverWhenItsLeaseRunsOut()
    {
        using var a = api.Client(api.KeyA);
        var id = Guid.NewGuid();
        // As a crashed worker leaves it: claimed (running, one attempt), lease already expired.
        await api.ExecuteAsync("""
            insert into adhoc_request (id, api_key_id, requester_unit, unit_code, kind, period_code, date_from, date_to,
                                       formats, request_hash, state, attempts, lease_until, progress)
            select @id, k.id, 'A', 'A', 'adhoc', '2026-02-02..2026-02-03', '2026-02-02', '2026-02-03', '{pdf}', 'crashed-hash',
                   'running', 1, now() - interval '1 second', 40
            from api_key k where k.unit_code = 'A' and k.role = 'department' order by k.id limit 1
            """, new { id });

        var status = await ApiFixture.WaitFinishedAsync(a, id);

        Assert.Equal("done", status.GetProperty("state").GetString());
        Assert.Equal(2, await api.ScalarAsync<int>("select attempts from adhoc_request where id = @id", new { id }));
    }

    [Fact]
    public async Task RateLimit_IsPerKey_429WithItsCode_OtherKeysUnaffected()
    {
        var (host, _) = await api.StartHostAsync(new() { ["Api:RequestsPerMinute"] = "3", ["Api:ProcessQueue"] = "false" });
        var address = Reporting.Worker.Api.ApiHost.Address(host);
        using var b = api.Client(api.KeyB, address);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/api/reports")).StatusCode);
        }

        using var limited = await b.GetAsync("/api/reports");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("API_RATE_LIMITED", (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.Client(api.KeyHomeAffairs, address).GetAsync("/api/reports")).StatusCode);
    }

    [Fact]
    public async Task ArchiveSearch_ForArchivists_And_Tracking_ForHomeAffairs_AnswerFromTheStandIns()
    {
        using var a = api.Client(api.KeyA);
        var id = await ApiFixture.RequestAsync(a, new { kind = "adhoc", unit = "A", from = "2026-01-05", to = "2026-01-06", formats = new[] { "pdf", "xlsx" } });
        await ApiFixture.WaitFinishedAsync(a, id);

        var hits = await api.Client(api.KeyArchivist).GetFromJsonAsync<JsonElement>("/api/archive?period=2026-01-05..2026-01-06&unit=A&kind=adhoc");
        var hit = Assert.Single(hits.EnumerateArray());
        Assert.Equal(["pdf", "xlsx"], hit.GetProperty("formats").EnumerateArray().Select(f => f.GetString()!).ToArray());

        var tracking = await api.Client(api.KeyHomeAffairs).GetFromJsonAsync<JsonElement>("/api/tracking?period=2026-01-05..2026-01-06");
        var units = tracking.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("unit").GetString()!, u => u.GetProperty("reported").GetBoolean());
        Assert.True(units["A"]);
        Assert.False(units["B"]);
    }

    private static string PdfToText(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"api-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", path, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var text = process.StandardOutput.ReadToEnd();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0 && errors.Length == 0, $"pdftotext: exit {process.ExitCode}: {errors}");
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
