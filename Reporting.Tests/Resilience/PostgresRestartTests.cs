using System.Diagnostics;
using Hangfire;
using Npgsql;
using Reporting.Tests.Fixtures;
using Reporting.Tests.Jobs;
using Reporting.Tests.Pipeline;
using Reporting.Worker.Database;
using Reporting.Worker.Jobs;
using Xunit.Abstractions;

namespace Reporting.Tests.Resilience;

/// <summary>
/// PostgreSQL restarted (<c>pg_ctl restart -m immediate</c>: every backend killed, crash recovery on start) while the
/// worker is in the middle of an annual cycle on the real stages. The shared test cluster serves other tests in
/// parallel, so each test here runs its own private cluster (<see cref="EmbeddedCluster"/> in a temp directory).
/// The worker is held at a gate (Resilience/kill_gates.sql) so the restart lands mid-cycle every time: one unit
/// signed and about to be archived, the others wherever they are.
/// </summary>
[Trait("Category", "Resilience")]
public sealed class PostgresRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Prefix = "reporting-resil-pg-";
    private EmbeddedCluster _cluster = null!;
    private string _connectionString = null!;
    private NpgsqlDataSource _db = null!;
    private TestSmtpServer _smtp = null!;
    private string _work = null!;

    public async Task InitializeAsync()
    {
        RemoveStaleClusters();
        // Not Directory.CreateTempSubdirectory: its 0700 mode would keep the server's user ('postgres' under root) out.
        _cluster = new EmbeddedCluster(Path.Combine(Path.GetTempPath(), $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}"));
        _connectionString = await _cluster.StartAsync(TextWriter.Null, CancellationToken.None);
        Migrations.Apply(new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString, TextWriter.Null);
        _db = NpgsqlDataSource.Create(_connectionString);
        await PipelineSeed.SeedAsync(_db);
        await KillGate.InstallAsync(_db);
        _smtp = await TestSmtpServer.StartAsync();
        _work = Directory.CreateTempSubdirectory("reporting-pgrestart-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await _db.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await _cluster.DestroyAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task PostgresRestartedMidCycle_UnderHangfire_TheWorkerRetriesByItself_AndEveryReportIsIssuedArchivedAndDeliveredOnce()
    {
        var settings = WorkerKillTests.Settings(_connectionString, _smtp, _work);
        await using var worker = WorkerKillTests.Start("serve", settings);
        await WorkerKillTests.WaitForServerAsync(_db, worker);
        await RestartWhileHeldAsync(worker, () => WorkerKillTests.Client(_connectionString)
            .Enqueue<CycleJob>(j => j.StartAsync("annual", "2026", null, CancellationToken.None)));

        // The same process, never restarted: Hangfire's own retries (UnitJob: 10 s, then 60 s) finish the cycle.
        var watch = Stopwatch.StartNew();
        await Poll.UntilAsync(async () => await PipelineSeed.ScalarAsync(_db, "select count(*) from report_cycle where state = 'done'") == 1,
            TimeSpan.FromSeconds(300), () => worker.Output);
        Assert.False(worker.HasExited, worker.Output);
        output.WriteLine($"cycle complete {watch.Elapsed.TotalSeconds:0.0} s after the restart, same serve process");
        await CycleAssertions.ExactlyOnceAsync(_db, _smtp, _work, settings, await CycleAssertions.InFlightAsync(_db), output);
    }

    [Fact]
    public async Task PostgresRestartedMidCycle_UnderTheRunVerb_TheRunRetriesTheInterruptedUnits_AndCompletesTheCycleOnce()
    {
        var settings = WorkerKillTests.Settings(_connectionString, _smtp, _work);
        var watch = Stopwatch.StartNew();
        await using (var run = WorkerKillTests.Start("run", settings))
        {
            await RestartWhileHeldAsync(run, () => { });
            watch.Restart();
            // Before the fix the run died here with an unhandled NpgsqlException; now the interrupted units are
            // retried in-process (Pipeline:RetryDelaysSeconds) and the same run finishes the cycle.
            var code = await run.WaitAsync(TimeSpan.FromSeconds(300));
            Assert.True(code == 0, $"the run exited {code}:\n{run.Output}");
            Assert.DoesNotContain("Unhandled exception", run.Output, StringComparison.Ordinal);
        }

        output.WriteLine($"run finished {watch.Elapsed.TotalSeconds:0.0} s after the restart");
        await CycleAssertions.ExactlyOnceAsync(_db, _smtp, _work, settings, await CycleAssertions.InFlightAsync(_db), output);
    }

    /// <summary>Holds the worker once a unit is signed, then restarts PostgreSQL in immediate mode.</summary>
    private async Task RestartWhileHeldAsync(WorkerProcess worker, Action start)
    {
        await using var gate = await KillGate.ArmAsync(_db, "report_run:archiving");
        start();
        await gate.WaitHeldAsync(TimeSpan.FromSeconds(240), worker);
        output.WriteLine("restarting PostgreSQL; state: " + await WorkerKillTests.SnapshotAsync(_db));
        await using (var disarm = _db.CreateCommand("delete from resilience_gate"))
        {
            await disarm.ExecuteNonQueryAsync();
        }

        var data = Path.Combine(_cluster.Root, "data");
        string[] restart = [EmbeddedCluster.Binary("pg_ctl"), "-D", data, "-l", Path.Combine(_cluster.Root, "postgres.log"), "-m", "immediate", "-w", "-t", "120", "restart"];
        // As EmbeddedCluster runs it: under root, as the system user 'postgres'.
        var (code, text) = Environment.UserName == "root" ? Tools.Try("runuser", ["-u", "postgres", "--", .. restart]) : Tools.Try(restart[0], restart[1..]);
        Assert.True(code == 0, text);
        gate.Forget();
        _db.Clear(); // the test's own pooled connections died with the server
    }

    private static void RemoveStaleClusters()
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            var pidText = Path.GetFileName(dir)[Prefix.Length..].Split('-')[0];
            if (int.TryParse(pidText, out var pid) && !TestPostgres.ProcessIsAlive(pid))
            {
                new EmbeddedCluster(dir).DestroyAsync().GetAwaiter().GetResult();
            }
        }
    }
}
