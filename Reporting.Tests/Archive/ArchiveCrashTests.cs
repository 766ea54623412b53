using System.Diagnostics;
using System.Globalization;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Archive;
using Reporting.Worker.Pipeline;
using Reporting.Worker.Sign;

namespace Reporting.Tests.Archive;

/// <summary>A real kill: the CLI runs in a child process that SIGKILLs itself between the durable file and its row.</summary>
public sealed class ArchiveCrashTests
{
    private static string WorkerDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reporting.sln")))
        {
            dir = dir.Parent;
        }

        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var dll = Path.Combine(dir!.FullName, "Reporting.Worker", "bin", configuration, "net10.0", "Reporting.Worker.dll");
        Assert.True(File.Exists(dll), $"worker not built: {dll}");
        return dll;
    }

    private static (int Code, string Output) Cli(TestDatabase db, ArchiveKit kit, bool kill, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(WorkerDll());
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["REPORTING_ConnectionStrings__Warehouse"] = db.ConnectionString;
        start.Environment["REPORTING_Archive__Directory"] = kit.Directory;
        start.Environment["REPORTING_Signing__TrustedCaDirectory"] = DevCerts.TrustDirectory;
        start.Environment["REPORTING_Archive__KillAfterContent"] = kill ? "true" : "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "worker did not finish");
        return (process.ExitCode, output.Result + error.Result);
    }

    [Fact]
    public async Task KillDuringAnImport_LeavesAConsistentArchive_WithAnOrphanOnly_AndTheRetrySucceeds()
    {
        await using var db = await TestPostgres.CreateDatabaseAsync();
        using var kit = new ArchiveKit(db);
        var version = ArchiveKit.NewVersion(SigningPolicy.Official);
        var draft = await kit.Store.StoreAsync(version, ArchiveRole.DraftPdf, SamplePdfs.Minimal("killed"), CancellationToken.None);
        var signed = await ArchiveKit.SignAsync(SamplePdfs.Minimal("killed"), DevCertificates.OfficialSignerFile, "A");
        var file = Path.Combine(kit.Directory, "signed.pdf");
        await File.WriteAllBytesAsync(file, signed);
        var run = version.Id.ToString(CultureInfo.InvariantCulture);

        var killed = Cli(db, kit, kill: true, "archive", "import", file, "--run", run);

        Assert.Equal(137, killed.Code);
        Assert.True(File.Exists(kit.Store.Content.PathOf(ContentStore.Hash(signed))), "the content was durable before the kill");
        Assert.Null(await kit.Store.FindAsync(version.Id, ArchiveRole.IssuedPdf, CancellationToken.None));
        Assert.Equal("awaiting_signature", (await kit.Store.GetAsync(draft.EntryId, CancellationToken.None)).State);
        var verify = Cli(db, kit, kill: false, "archive", "verify", "--all");
        Assert.True(verify.Code == 0, verify.Output);
        Assert.Contains($"mồ côi (vô hại): {kit.Store.Content.PathOf(ContentStore.Hash(signed))}", verify.Output);

        var retry = Cli(db, kit, kill: false, "archive", "import", file, "--run", run);
        Assert.True(retry.Code == 0, retry.Output);
        Assert.Equal("signed", (await kit.Store.GetAsync(draft.EntryId, CancellationToken.None)).State);
        var after = await new ArchiveAudit(kit.Store, kit.Verifier).RunAsync(null, CancellationToken.None);
        Assert.True(after.Passed);
        Assert.Empty(after.Orphans);
    }
}
