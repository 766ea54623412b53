using Npgsql;

namespace Reporting.Tests.Resilience;

/// <summary>
/// Holds the worker at one named point of the cycle (Resilience/kill_gates.sql): the test takes an advisory lock,
/// arms a point, and the worker's statement that moves a row into that state waits on the lock. Once a backend is
/// seen waiting, the worker stands exactly there; the test kills it, then lets the held statement commit (the
/// crash came just after it) or terminates it (just before it).
/// </summary>
public sealed class KillGate : IAsyncDisposable
{
    private const long Key = 730313;
    private readonly NpgsqlDataSource _db;
    private NpgsqlConnection? _holder;

    private KillGate(NpgsqlDataSource db) => _db = db;

    public static async Task InstallAsync(NpgsqlDataSource db)
    {
        await using var cmd = db.CreateCommand(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Resilience", "kill_gates.sql")));
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Arms <paramref name="point"/> ("report_run:rendering", "delivery:email:sent", "archive_entry:workbook" …).</summary>
    public static async Task<KillGate> ArmAsync(NpgsqlDataSource db, string point)
    {
        var gate = new KillGate(db) { _holder = await db.OpenConnectionAsync() };
        await using (var lockCmd = new NpgsqlCommand($"select pg_advisory_lock({Key})", gate._holder))
        {
            await lockCmd.ExecuteNonQueryAsync();
        }

        await using var arm = new NpgsqlCommand("insert into resilience_gate (point) values ($1)", gate._holder);
        arm.Parameters.AddWithValue(point);
        await arm.ExecuteNonQueryAsync();
        return gate;
    }

    /// <summary>Waits until at least one backend is held at the gate; returns their pids. Gives up when the worker
    /// has exited (it can no longer reach the gate).</summary>
    public async Task<IReadOnlyList<int>> WaitHeldAsync(TimeSpan limit, Jobs.WorkerProcess worker)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var held = await HeldAsync();
            if (held.Count > 0)
            {
                return held;
            }

            if (worker.HasExited)
            {
                throw new InvalidOperationException($"the worker exited ({worker.ExitCode}) before reaching the gate:\n{worker.Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no statement reached the gate within {limit}: {worker.Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Disarms the gate and releases the held statements: committed, or aborted (their backends terminated).</summary>
    public async Task ReleaseAsync(bool abortHeld)
    {
        if (_holder is null)
        {
            return;
        }

        await using (var disarm = new NpgsqlCommand("delete from resilience_gate", _holder))
        {
            await disarm.ExecuteNonQueryAsync();
        }

        if (abortHeld)
        {
            foreach (var pid in await HeldAsync())
            {
                await using var terminate = new NpgsqlCommand("select pg_terminate_backend($1, 10000)", _holder);
                terminate.Parameters.AddWithValue(pid);
                await terminate.ExecuteNonQueryAsync();
            }
        }

        // Explicitly: a pooled connection's session (and its session-level lock) outlives Dispose.
        await using (var unlock = new NpgsqlCommand($"select pg_advisory_unlock({Key})", _holder))
        {
            await unlock.ExecuteNonQueryAsync();
        }

        await _holder.DisposeAsync();
        _holder = null;
    }

    /// <summary>After the server itself was restarted: the holding session, its lock and the held statements are gone.</summary>
    public void Forget()
    {
        var holder = _holder;
        _holder = null;
        try
        {
            holder?.Dispose();
        }
        catch (NpgsqlException)
        {
            // The connection died with the server.
        }
    }

    public ValueTask DisposeAsync() => new(ReleaseAsync(abortHeld: false));

    private async Task<IReadOnlyList<int>> HeldAsync()
    {
        await using var cmd = _db.CreateCommand($"""
            select pid from pg_locks
            where locktype = 'advisory' and classid = 0 and objid = {Key} and not granted
              and database = (select oid from pg_database where datname = current_database())
            """);
        var pids = new List<int>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            pids.Add(reader.GetInt32(0));
        }

        return pids;
    }
}
