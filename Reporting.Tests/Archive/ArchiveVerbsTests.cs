using Microsoft.Extensions.Configuration;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Archive;
using Reporting.Worker.Cli;
using Reporting.Worker.Pipeline;

namespace Reporting.Tests.Archive;

/// <summary>The archive verbs through the CLI table; `verify --all` sees the whole database, so each test gets its own.</summary>
public sealed class ArchiveVerbsTests : IAsyncLifetime, IDisposable
{
    private TestDatabase _database = null!;
    private ArchiveKit _kit = null!;

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        _kit = new ArchiveKit(_database);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    public void Dispose() => _kit?.Dispose();

    private async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Warehouse"] = _database.ConnectionString,
            ["Archive:Directory"] = _kit.Directory,
            ["Signing:TrustedCaDirectory"] = DevCerts.TrustDirectory,
        }).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await VerbTable.RunAsync(args, output, error, configuration);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Verify_AfterOneFlippedByteInAStoredFile_FailsNamingIt_AndGetRefusesIt()
    {
        var version = ArchiveKit.NewVersion(SigningPolicy.System);
        var good = await _kit.Store.StoreAsync(version, ArchiveRole.IssuedPdf, await ArchiveKit.SystemSignAsync(SamplePdfs.Minimal("good"), version), CancellationToken.None);
        var other = ArchiveKit.NewVersion(SigningPolicy.System);
        var victim = await _kit.Store.StoreAsync(other, ArchiveRole.IssuedPdf, await ArchiveKit.SystemSignAsync(SamplePdfs.Minimal("victim"), other), CancellationToken.None);
        var clean = await RunAsync("archive", "verify", "--all");
        Assert.True(clean.Code == 0, clean.Out + clean.Error);

        var path = _kit.Store.Content.PathOf(victim.Sha256);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 3] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);

        var (code, output, error) = await RunAsync("archive", "verify", "--all");
        Assert.NotEqual(0, code);
        Assert.Contains($"mục {victim.EntryId} ({victim.FileName}, {path})", output);
        Assert.DoesNotContain($"mục {good.EntryId} ", output);
        Assert.Contains("ARCHIVE_VERIFY_FAILED", error);

        var get = await RunAsync("archive", "get", victim.EntryId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", Path.Combine(_kit.Directory, "x.pdf"));
        Assert.Contains("ARCHIVE_CONTENT_TAMPERED", get.Error);
    }

    [Fact]
    public async Task Verify_AMissingFile_FailsNamingIt()
    {
        var version = ArchiveKit.NewVersion(SigningPolicy.Official);
        var draft = await _kit.Store.StoreAsync(version, ArchiveRole.DraftPdf, SamplePdfs.Minimal("missing"), CancellationToken.None);
        File.Delete(_kit.Store.Content.PathOf(draft.Sha256));

        var (code, output, _) = await RunAsync("archive", "verify", draft.EntryId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(0, code);
        Assert.Contains($"THIẾU tệp: mục {draft.EntryId}", output);
    }

    [Fact]
    public async Task Import_ThroughTheCli_IssuesTheDraft_PrintsSigningTimesInVietnamTime_AndListShowsBoth()
    {
        var version = ArchiveKit.NewVersion(SigningPolicy.Official, unit: "CLIUNIT");
        var draft = await _kit.Store.StoreAsync(version, ArchiveRole.DraftPdf, SamplePdfs.Minimal("cli"), CancellationToken.None);
        var signed = await ArchiveKit.SignAsync(SamplePdfs.Minimal("cli"), Worker.Sign.DevCertificates.OfficialSignerFile, "A");
        var file = Path.Combine(_kit.Directory, "signed.pdf");
        await File.WriteAllBytesAsync(file, signed);

        var import = await RunAsync("archive", "import", file, "--run", version.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(import.Code == 0, import.Error);
        Assert.Contains("Đã nhập bản ký của 07/BC-SNV", import.Out);
        Assert.Matches(@"thời điểm ký: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", import.Out);

        var list = await RunAsync("archive", "list", "--unit", "CLIUNIT");
        Assert.Contains("0 mục.", (await RunAsync("archive", "list", "--unit", "CLIUNIT", "--state", "awaiting_signature")).Out);
        Assert.Contains("signed ", list.Out);
        Assert.Contains("issued ", list.Out);
        Assert.Contains("2 mục.", list.Out);
        Assert.Contains(draft.EntryId.ToString(System.Globalization.CultureInfo.InvariantCulture), list.Out);
    }
}
