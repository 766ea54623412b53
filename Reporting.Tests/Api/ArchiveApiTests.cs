using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Tests.Archive;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Api;
using Reporting.Worker.Archive;
using Reporting.Worker.Pipeline;

namespace Reporting.Tests.Api;

/// <summary>The archivists' search and download over the real archive (<see cref="ArchiveEntrySearch"/>), as serve registers it.</summary>
public sealed class ArchiveApiTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime, IDisposable
{
    private ArchiveKit _kit = null!;
    private WebApplication _host = null!;

    public async Task InitializeAsync()
    {
        _kit = new ArchiveKit(api.Database);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Api:ProcessQueue"] = "false" }).Build();
        _host = ApiHost.Build(api.Warehouse, configuration, 0, services =>
            services.AddSingleton<IArchiveSearch>(new ArchiveEntrySearch(api.Database.DataSource, _kit.Store)));
        await _host.StartAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _kit?.Dispose();

    private HttpClient Client(string key) => api.Client(key, ApiHost.Address(_host));

    [Fact]
    public async Task Search_FindsArchiveEntriesByPeriodUnitKindAndState_AndTheFileDownloadIsTheStoredBytes_Audited()
    {
        var issued = ArchiveKit.NewVersion(SigningPolicy.System, unit: "ARCH-A");
        var issuedPdf = await ArchiveKit.SystemSignAsync(SamplePdfs.Minimal("issued"), issued);
        var entry = await _kit.Store.StoreAsync(issued, ArchiveRole.IssuedPdf, issuedPdf, CancellationToken.None);
        var official = ArchiveKit.NewVersion(SigningPolicy.Official, unit: "ARCH-A", number: 8);
        await _kit.Store.StoreAsync(official, ArchiveRole.DraftPdf, SamplePdfs.Minimal("draft"), CancellationToken.None);

        using var archivist = Client(api.KeyArchivist);
        var all = await archivist.GetFromJsonAsync<JsonElement>("/api/archive?period=2026-Q3&unit=ARCH-A&kind=quarter");
        Assert.Equal(2, all.GetArrayLength());
        var hits = await archivist.GetFromJsonAsync<JsonElement>("/api/archive?period=2026-Q3&unit=ARCH-A&kind=quarter&state=issued");
        var hit = Assert.Single(hits.EnumerateArray());
        Assert.Equal(entry.EntryId, hit.GetProperty("entryId").GetInt64());
        Assert.Equal("issued_pdf", hit.GetProperty("role").GetString());
        Assert.Equal("07/BC-SNV", hit.GetProperty("documentNumber").GetString());
        Assert.Equal("system", hit.GetProperty("signatureKind").GetString());
        Assert.Equal($"/api/archive/{entry.EntryId}/file", hit.GetProperty("file").GetString());
        Assert.Equal(0, (await archivist.GetFromJsonAsync<JsonElement>("/api/archive?unit=ARCH-A&kind=annual")).GetArrayLength());

        using var download = await archivist.GetAsync($"/api/archive/{entry.EntryId}/file");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(issuedPdf, await download.Content.ReadAsByteArrayAsync());

        await using var connection = await api.Database.DataSource.OpenConnectionAsync();
        var audited = await connection.QuerySingleAsync<(string Route, long? Entry, int Status)>(
            "select route, archive_entry_id, status_code from api_audit where archive_entry_id = @id", new { id = entry.EntryId });
        Assert.Equal(("/api/archive/{id}/file", (long?)entry.EntryId, 200), audited);
    }

    [Fact]
    public async Task Download_OfAMissingEntry_Is404_ABadState_Is400_AndOtherRoles_AreRefused()
    {
        using var archivist = Client(api.KeyArchivist);
        using var missing = await archivist.GetAsync("/api/archive/999999999/file");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("ARCHIVE_ENTRY_NOT_FOUND", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        using var notANumber = await archivist.GetAsync("/api/archive/..%2F..%2Fetc/file");
        Assert.Equal(HttpStatusCode.NotFound, notANumber.StatusCode);

        using var badState = await archivist.GetAsync("/api/archive?state=deleted");
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);
        Assert.Equal("API_ARCHIVE_STATE_INVALID", (await badState.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        using var department = await Client(api.KeyA).GetAsync("/api/archive/1/file");
        Assert.Equal(HttpStatusCode.Forbidden, department.StatusCode);
    }

    [Fact]
    public async Task Download_OfATamperedFile_IsRefusedNamingTheHashMismatch()
    {
        var version = ArchiveKit.NewVersion(SigningPolicy.System, unit: "ARCH-T");
        var entry = await _kit.Store.StoreAsync(version, ArchiveRole.IssuedPdf, await ArchiveKit.SystemSignAsync(SamplePdfs.Minimal("t"), version), CancellationToken.None);
        var path = _kit.Store.Content.PathOf(entry.Sha256);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);

        using var answer = await Client(api.KeyAdmin).GetAsync($"/api/archive/{entry.EntryId}/file");

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.Equal("ARCHIVE_CONTENT_TAMPERED", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
