using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Database;

/// <summary>
/// A private PostgreSQL cluster in a directory of ours, run with the system's binaries (initdb, pg_ctl) on a
/// loopback port with a generated password. PostgreSQL refuses to run as root, so under root the server runs
/// as the unprivileged system user <c>postgres</c> (created by Debian's package) through <c>runuser</c>.
/// Start is idempotent and serialised by a lock file: a running cluster is reused as it is.
/// </summary>
public sealed class EmbeddedCluster
{
    private const string DatabaseName = "reporting";
    private const string SuperUser = "reporting";
    private readonly string _root;

    public EmbeddedCluster(string root) => _root = Path.GetFullPath(root);

    public string Root => _root;

    private string DataDirectory => Path.Combine(_root, "data");

    private string StateFile => Path.Combine(_root, "cluster.json");

    private string LogFile => Path.Combine(_root, "postgres.log");

    // Environment.UserName reads the effective uid on Unix.
    private static bool IsRoot => Environment.UserName == "root";

    public bool Exists => File.Exists(Path.Combine(DataDirectory, "PG_VERSION"));

    /// <summary>Starts (creating it on first use) and returns a connection string to its database.</summary>
    public async Task<string> StartAsync(TextWriter log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_root);
        await using var _ = await LockAsync(cancellationToken);

        if (!Exists)
        {
            await InitialiseAsync(log, cancellationToken);
        }

        var state = ReadState();
        if (!await IsRunningAsync(cancellationToken))
        {
            if (!PortIsFree(state.Port))
            {
                state = state with { Port = FreePort() };
                WriteState(state);
                WritePortSetting(state.Port);
            }

            await RunAsync(Binary("pg_ctl"), ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "start"], cancellationToken, asServer: true);
            await log.WriteLineAsync($"PostgreSQL riêng đã chạy tại 127.0.0.1:{state.Port} ({_root}).");
        }

        var connection = ConnectionString(state, "postgres");
        await EnsureDatabaseAsync(connection, cancellationToken);
        return ConnectionString(state, DatabaseName);
    }

    public async Task<bool> StopAsync(CancellationToken cancellationToken)
    {
        if (!Exists || !await IsRunningAsync(cancellationToken))
        {
            return false;
        }

        await RunAsync(Binary("pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"], cancellationToken, asServer: true);
        return true;
    }

    public async Task<bool> IsRunningAsync(CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            return false;
        }

        var (code, _) = await RunAsync(Binary("pg_ctl"), ["-D", DataDirectory, "status"], cancellationToken, asServer: true, allowFailure: true);
        return code == 0;
    }

    /// <summary>Where the cluster listens, or null when it was never created.</summary>
    public string? Describe() => Exists ? $"127.0.0.1:{ReadState().Port}, thư mục {_root}" : null;

    /// <summary>The connection string without starting anything (for status output).</summary>
    public string? ConnectionStringIfCreated() => Exists ? ConnectionString(ReadState(), DatabaseName) : null;

    /// <summary>Stops the server at once and deletes the directory (throwaway test clusters).</summary>
    public async Task DestroyAsync()
    {
        if (Exists)
        {
            await RunAsync(Binary("pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], CancellationToken.None, asServer: true, allowFailure: true);
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; the next run uses a new one.
        }
    }

    private async Task InitialiseAsync(TextWriter log, CancellationToken cancellationToken)
    {
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true); // a half-made cluster from an interrupted initdb
        }

        var state = new ClusterState(FreePort(), Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant());
        var passwordFile = Path.Combine(_root, ".pwfile");
        await File.WriteAllTextAsync(passwordFile, state.Password, cancellationToken);
        Directory.CreateDirectory(DataDirectory);
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", _root], cancellationToken);
            var (probe, _) = await RunAsync("runuser", ["-u", "postgres", "--", "test", "-w", _root], cancellationToken, allowFailure: true);
            if (probe != 0)
            {
                throw new ReportingException(ErrorCodes.ClusterStartFailed,
                    $"Người dùng hệ thống 'postgres' không ghi được vào {_root} (một thư mục cha không cho phép đi qua). " +
                    "Đặt Reporting:DataDirectory ở nơi khác hoặc cấu hình ConnectionStrings:Warehouse.");
            }
        }

        try
        {
            await log.WriteLineAsync($"Tạo cụm PostgreSQL riêng tại {_root} ...");
            await RunAsync(Binary("initdb"),
                ["-D", DataDirectory, "-U", SuperUser, "--auth=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C.UTF-8"],
                cancellationToken, asServer: true);
        }
        finally
        {
            File.Delete(passwordFile);
        }

        // Settings for a 2-core, 24 GiB machine that also runs Chromium and the worker; fsync stays on: the
        // archive and the delivery ledger depend on durable commits. wal_level = minimal: the private cluster has no
        // standby and no WAL archive, and a bulk load into a table truncated in the same transaction (the seeder)
        // then writes no WAL (the files are synced at commit instead); crash safety is unchanged.
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), """

            # --- Reporting's private cluster ---
            listen_addresses = '127.0.0.1'
            unix_socket_directories = ''
            shared_buffers = 1GB
            work_mem = 64MB
            maintenance_work_mem = 512MB
            max_wal_size = 4GB
            wal_level = minimal
            max_wal_senders = 0
            max_connections = 200
            jit = off
            timezone = 'Asia/Ho_Chi_Minh'
            log_timezone = 'Asia/Ho_Chi_Minh'
            include_if_exists = 'reporting_port.conf'

            """, cancellationToken);
        WriteState(state);
        WritePortSetting(state.Port);
    }

    private async Task EnsureDatabaseAsync(string adminConnection, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(adminConnection);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection);
        exists.Parameters.AddWithValue(DatabaseName);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"create database {DatabaseName}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static string ConnectionString(ClusterState state, string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = state.Port,
        Username = SuperUser,
        Password = state.Password,
        Database = database,
        Timeout = 30,
        CommandTimeout = 600,
        MaxPoolSize = 50,
    }.ConnectionString;

    private ClusterState ReadState() =>
        JsonSerializer.Deserialize<ClusterState>(File.ReadAllText(StateFile))
        ?? throw new ReportingException(ErrorCodes.ClusterStartFailed, $"Tệp trạng thái {StateFile} bị hỏng.");

    private void WriteState(ClusterState state)
    {
        File.WriteAllText(StateFile, JsonSerializer.Serialize(state));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(StateFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private void WritePortSetting(int port)
    {
        var file = Path.Combine(DataDirectory, "reporting_port.conf");
        File.WriteAllText(file, $"port = {port}\n");
        if (IsRoot)
        {
            RunAsync("chown", ["postgres:postgres", file], CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    private async Task<IAsyncDisposable> LockAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(_root, ".lock");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool PortIsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The PostgreSQL binaries: REPORTING_PG_BIN, else the newest /usr/lib/postgresql/N/bin, else PATH.</summary>
    internal static string Binary(string name)
    {
        var configured = Environment.GetEnvironmentVariable("REPORTING_PG_BIN");
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(configured))
        {
            candidates.Add(Path.Combine(configured, name));
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin", name)));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new ReportingException(ErrorCodes.PostgresBinariesMissing,
                $"Không tìm thấy '{name}' của PostgreSQL. Cài gói Debian 'postgresql' (./scripts/demo tự cài) hoặc đặt REPORTING_PG_BIN.");
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] arguments, CancellationToken cancellationToken, bool asServer = false, bool allowFailure = false)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asServer && IsRoot)
        {
            info.FileName = "runuser";
            foreach (var a in (string[])["-u", "postgres", "--", file, .. arguments])
            {
                info.ArgumentList.Add(a);
            }
        }
        else
        {
            info.FileName = file;
            foreach (var a in arguments)
            {
                info.ArgumentList.Add(a);
            }
        }

        info.Environment["LC_ALL"] = "C.UTF-8";
        using var process = Process.Start(info) ?? throw new ReportingException(ErrorCodes.ClusterStartFailed, $"Không chạy được {file}.");
        // pg_ctl start leaves the server holding inherited pipes, so read them only until pg_ctl itself exits.
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var output = (await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(2000, cancellationToken))) is Task<string[]> both
            ? string.Join('\n', both.Result)
            : "";
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new ReportingException(ErrorCodes.ClusterStartFailed,
                $"'{Path.GetFileName(file)} {string.Join(' ', arguments)}' thất bại (mã {process.ExitCode}): {output.Trim()}");
        }

        return (process.ExitCode, output);
    }

    private sealed record ClusterState(int Port, string Password);
}
