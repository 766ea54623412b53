using Dapper;
using Npgsql;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Archive;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Pipeline;
using Reporting.Worker.Sign;

namespace Reporting.Tests.Archive;

public sealed class ArchiveStoreTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IDisposable
{
    private readonly ArchiveKit _kit = new(fixture.Database);

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task Store_SystemSignedPdf_IsIssuedWithItsSigner_AndASecondStoreChangesNothing()
    {
        var version = ArchiveKit.NewVersion(SigningPolicy.System);
        var signed = await ArchiveKit.SystemSignAsync(SamplePdfs.Minimal(), version);

        var first = await _kit.Store.StoreAsync(version, ArchiveRole.IssuedPdf, signed, CancellationToken.None);
        var resigned = await ArchiveKit.SystemSignAsync(SamplePdfs.Minimal(), version);
        var again = await _kit.Store.StoreAsync(version, ArchiveRole.IssuedPdf, resigned, CancellationToken.None);

        Assert.Equal(first, again);
        Assert.Equal(ContentStore.Hash(signed), first.Sha256);
        Assert.Equal(signed, await File.ReadAllBytesAsync(_kit.Store.Content.PathOf(first.Sha256)));
        var entry = await _kit.Store.GetAsync(first.EntryId, CancellationToken.None);
        Assert.Equal(("issued", "system", "trusted", "generated"), (entry.State, entry.SignatureKind, entry.ChainStatus, entry.Source));
        Assert.Contains(DevCertificates.SystemName, entry.SignerSubject);
        Assert.Equal("07/BC-SNV", entry.DocumentNumber);
        Assert.Equal($"{version.FileStem}.pdf", entry.FileName);
        Assert.NotNull(entry.SignedAt);
    }

    [Fact]
    public async Task Store_IssuedPdfWithoutSignature_IsRefused()
    {
        var version = ArchiveKit.NewVersion(SigningPolicy.System);
        var ex = await Assert.ThrowsAsync<ReportingException>(() => _kit.Store.StoreAsync(version, ArchiveRole.IssuedPdf, SamplePdfs.Minimal(), CancellationToken.None));
        Assert.Equal(ErrorCodes.ArchiveIssuedUnsigned, ex.Code);
    }

    [Fact]
    public async Task Store_ANewVersion_SupersedesTheOld_AndBothStay()
    {
        var unit = "SUPERSEDE";
        var v1 = ArchiveKit.NewVersion(SigningPolicy.System, 1, unit);
        var v2 = ArchiveKit.NewVersion(SigningPolicy.System, 2, unit);
        var old = await _kit.Store.StoreAsync(v1, ArchiveRole.IssuedPdf, await ArchiveKit.SystemSignAsync(SamplePdfs.Minimal("v1"), v1), CancellationToken.None);
        var corrected = await _kit.Store.StoreAsync(v2, ArchiveRole.IssuedPdf, await ArchiveKit.SystemSignAsync(SamplePdfs.Minimal("v2"), v2), CancellationToken.None);

        Assert.Equal("superseded", (await _kit.Store.GetAsync(old.EntryId, CancellationToken.None)).State);
        var current = await _kit.Store.GetAsync(corrected.EntryId, CancellationToken.None);
        Assert.Equal(("issued", (long?)old.EntryId), (current.State, current.Supersedes));
        Assert.True(File.Exists(_kit.Store.Content.PathOf(old.Sha256)));
    }

    [Theory]
    [InlineData("update archive_entry set sha256 = repeat('0', 64) where id = @id")]
    [InlineData("update archive_entry set signer_subject = 'CN=someone else' where id = @id")]
    [InlineData("update archive_entry set state = 'draft' where id = @id")]
    [InlineData("delete from archive_entry where id = @id")]
    [InlineData("truncate archive_entry")]
    public async Task IssuedEntry_CannotBeUpdatedOrDeleted_AtTheDatabase(string sql)
    {
        var version = ArchiveKit.NewVersion(SigningPolicy.System);
        var issued = await _kit.Store.StoreAsync(version, ArchiveRole.IssuedPdf, await ArchiveKit.SystemSignAsync(SamplePdfs.Minimal(), version), CancellationToken.None);
        var before = await _kit.Store.GetAsync(issued.EntryId, CancellationToken.None);

        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        var ex = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(sql, new { id = issued.EntryId }));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, ex.SqlState);
        Assert.Contains("append-only", ex.MessageText + " " + ex.Message, StringComparison.Ordinal);

        var after = await _kit.Store.GetAsync(issued.EntryId, CancellationToken.None);
        Assert.Equal((before.Sha256, before.State, before.SignerSubject), (after.Sha256, after.State, after.SignerSubject));
    }

    [Fact]
    public async Task IssuedEntry_MayOnlyMoveToSuperseded_AndNeverBack()
    {
        var version = ArchiveKit.NewVersion(SigningPolicy.System);
        var issued = await _kit.Store.StoreAsync(version, ArchiveRole.IssuedPdf, await ArchiveKit.SystemSignAsync(SamplePdfs.Minimal(), version), CancellationToken.None);
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();

        Assert.Equal(1, await connection.ExecuteAsync("update archive_entry set state = 'superseded' where id = @id", new { id = issued.EntryId }));
        var ex = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("update archive_entry set state = 'issued' where id = @id", new { id = issued.EntryId }));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, ex.SqlState);
    }

    [Fact]
    public async Task CrashBetweenTheFileAndTheRow_LeavesNoRow_AndVerifyReportsOnlyAnOrphan()
    {
        await using var db = await TestPostgres.CreateDatabaseAsync();
        using var kit = new ArchiveKit(db);
        var version = ArchiveKit.NewVersion(SigningPolicy.Official);
        kit.Store.FaultPoint = point => throw new IOException($"simulated crash at {point}");

        await Assert.ThrowsAsync<IOException>(() => kit.Store.StoreAsync(version, ArchiveRole.DraftPdf, SamplePdfs.Minimal("crash"), CancellationToken.None));

        Assert.Null(await kit.Store.FindAsync(version.Id, ArchiveRole.DraftPdf, CancellationToken.None));
        var report = await new ArchiveAudit(kit.Store, kit.Verifier).RunAsync(null, CancellationToken.None);
        Assert.True(report.Passed, string.Join("\n", report.Problems));
        var orphan = Assert.Single(report.Orphans);
        Assert.Equal(kit.Store.Content.PathOf(ContentStore.Hash(SamplePdfs.Minimal("crash"))), orphan);

        // The retry after the restart completes the write and adopts the file.
        kit.Store.FaultPoint = null;
        var stored = await kit.Store.StoreAsync(version, ArchiveRole.DraftPdf, SamplePdfs.Minimal("crash"), CancellationToken.None);
        Assert.Equal("awaiting_signature", (await kit.Store.GetAsync(stored.EntryId, CancellationToken.None)).State);
        Assert.Empty((await new ArchiveAudit(kit.Store, kit.Verifier).RunAsync(null, CancellationToken.None)).Orphans);
    }
}
