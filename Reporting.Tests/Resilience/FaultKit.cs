using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Cli;
using Reporting.Worker.Pipeline;
using Reporting.Worker.Seed;
using Reporting.Worker.Sign;

namespace Reporting.Tests.Resilience;

/// <summary>
/// One small province for the fault scenarios of <see cref="FaultTests"/> (the product's seeder, 2,000 dossiers in
/// 2026, fixed clock), and the three units they report for: Sở Nội vụ, the busiest other department and the
/// busiest commune. Each scenario uses its own kind or period, so they share the database without seeing each
/// other's versions.
/// </summary>
public sealed class FaultProvinceFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset SeedNow = new(2026, 11, 20, 23, 59, 59, TimeSpan.FromHours(7));

    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("not initialised");

    public IReadOnlyList<string> Units { get; private set; } = [];

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        await new ProvinceSeeder(_database.DataSource).SeedAsync(new SeedOptions(2_000, 20261130, 2026, SeedNow, IfEmpty: false), CancellationToken.None);
        await using var connection = await _database.DataSource.OpenConnectionAsync();
        var busiest = (await connection.QueryAsync<(string Code, string Kind)>("""
            select a.code, a.kind from agency a join dossier d on d.receiving_agency_id = a.id
            where a.kind in ('department', 'commune') and a.valid_to is null and d.received_at >= '2026-01-01'
            group by a.code, a.kind order by count(*) desc, a.code
            """)).ToList();
        var snv = await connection.QuerySingleAsync<string>("select code from agency where code like '%SNV' and valid_to is null");
        Units = [snv, busiest.First(b => b.Kind == "department" && b.Code != snv).Code, busiest.First(b => b.Kind == "commune").Code];
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>Configuration, containers and database probes shared by the fault scenarios.</summary>
internal static class FaultKit
{
    public const string Superior = "vanthu@sonoivu.angiang.example";
    public const string ProvinceMailbox = "vanthu@ubnd.angiang.example";

    public static IConfiguration Configuration(TestDatabase db, string work, string archiveDirectory, int smtpPort) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Warehouse"] = db.ConnectionString,
            ["Reporting:DataDirectory"] = Path.Combine(work, "data"),
            ["Reporting:OutputDirectory"] = Path.Combine(work, "out"),
            ["Reporting:Inputs:OfficialWhenMissing"] = "warn",
            // One attempt per unit, so each test sees the state a fault leaves (run retries are WorkerKillTests').
            ["Pipeline:RetryDelaysSeconds"] = "",
            ["Signing:Policy"] = "system",
            ["Signing:SystemCertificate"] = Path.Combine(DevCerts.Directory, DevCertificates.SystemFile),
            ["Signing:TrustedCaDirectory"] = DevCerts.TrustDirectory,
            ["Archive:Directory"] = archiveDirectory,
            ["Delivery:SuperiorMailbox"] = Superior,
            ["Delivery:ProvinceMailbox"] = ProvinceMailbox,
            ["Delivery:Smtp:Host"] = "127.0.0.1",
            ["Delivery:Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
            ["Delivery:Smtp:Security"] = "None",
            ["Delivery:Smtp:TimeoutSeconds"] = "20",
        }).Build();

    /// <summary>The real stages exactly as <c>run</c> composes them (<see cref="StageServices.BuildPipeline"/>),
    /// with the test's clock.</summary>
    public static async Task<ServiceProvider> PipelineAsync(TestDatabase db, IConfiguration configuration, TimeProvider clock)
    {
        var warehouse = await db.OpenWarehouseAsync();
        var settings = ReportingSettings.From(configuration);
        return new ServiceCollection()
            .AddSingleton(clock)
            .AddReportingStages(configuration, settings, warehouse)
            .AddReportingPipeline(configuration, settings, warehouse)
            .BuildServiceProvider();
    }

    public static async Task<RunOutcome> RunUnitAsync(ServiceProvider services, string kind, string period, string unit)
    {
        var (_, outcomes) = await services.GetRequiredService<CycleRunner>()
            .RunAsync(kind, period, unit, FaultProvinceFixture.SeedNow, null, CancellationToken.None);
        return Assert.Single(outcomes);
    }

    public static async Task<T> ScalarAsync<T>(TestDatabase db, string sql, object? args = null)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<T>(sql, args) ?? throw new InvalidOperationException(sql);
    }

    public static async Task<IReadOnlyList<T>> QueryAsync<T>(TestDatabase db, string sql, object? args = null)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<T>(sql, args)).ToList();
    }

    /// <summary>Every number taken from any register so far (the sum of the registers' last numbers).</summary>
    public static Task<long> NumbersTakenAsync(TestDatabase db) =>
        ScalarAsync<long>(db, "select coalesce(sum(last_number), 0)::bigint from document_number_sequence");

    /// <summary>The run row of a unit in the cycle of (kind, period): state and reason.</summary>
    public static async Task<(string State, string? Reason, long? VersionId)> RunRowAsync(TestDatabase db, string kind, string period, string unit)
    {
        var rows = await QueryAsync<(string, string?, long?)>(db, """
            select r.state, r.reason, r.version_id from report_run r join report_cycle c on c.id = r.cycle_id
            where c.kind = @kind and c.period = @period and r.unit_code = @unit
            """, new { kind, period, unit });
        return Assert.Single(rows);
    }

    /// <summary>What <c>runs show</c> prints for one unit of the cycle of (kind, period).</summary>
    public static async Task<string> RunsShowLineAsync(TestDatabase db, IConfiguration configuration, string kind, string period, string unit)
    {
        var cycle = await ScalarAsync<long>(db, "select id from report_cycle where kind = @kind and period = @period", new { kind, period });
        var output = new StringWriter();
        var code = await VerbTable.RunAsync(["runs", "show", cycle.ToString(CultureInfo.InvariantCulture)], output, new StringWriter(), configuration);
        Assert.Equal(0, code);
        return output.ToString().Split('\n').Single(l => l.StartsWith(unit + " ", StringComparison.Ordinal));
    }
}

/// <summary>
/// Kills the processes of one Chromium the printer launched, as the kernel's OOM killer or an operator's
/// <c>kill -9</c> would: the browser process (its pid from the DevTools SystemInfo domain of that very browser, so
/// no other test's Chromium is touched) and every process under it (zygotes, renderers, GPU, utilities).
/// </summary>
internal static class ChromiumKiller
{
    public static async Task<IReadOnlyList<int>> KillAsync(IBrowser browser)
    {
        var session = await browser.NewBrowserCDPSessionAsync();
        var info = await session.SendAsync("SystemInfo.getProcessInfo");
        var browserPid = info!.Value.GetProperty("processInfo").EnumerateArray()
            .Single(p => p.GetProperty("type").GetString() == "browser").GetProperty("id").GetInt32();
        var victims = Descendants(browserPid).Prepend(browserPid).Where(IsChromium).ToList();
        Assert.Contains(browserPid, victims);
        foreach (var pid in victims)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(); // SIGKILL
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Already gone.
            }
        }

        // Bounded wait until each is gone (or a zombie waiting for its parent to reap it).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (victims.Any(Alive))
        {
            Assert.True(DateTime.UtcNow < deadline, "Chromium's processes did not die after SIGKILL");
            await Task.Delay(50);
        }

        return victims;
    }

    private static bool IsChromium(int pid)
    {
        try
        {
            var exe = File.ResolveLinkTarget($"/proc/{pid}/exe", returnFinalTarget: true)?.FullName ?? "";
            return exe.Contains("chromium", StringComparison.OrdinalIgnoreCase) || exe.Contains("chrome", StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static IEnumerable<int> Descendants(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(pid);
            }
            catch (IOException)
            {
                // Exited meanwhile.
            }
        }

        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var pid))
        {
            foreach (var child in children.GetValueOrDefault(pid) ?? [])
            {
                yield return child;
                queue.Enqueue(child);
            }
        }
    }
}

/// <summary>A small tmpfs mounted over a directory (the tests run as root), unmounted on dispose.</summary>
internal sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (mount's syntax: "16m") over <paramref name="path"/>, or
    /// returns null with mount's complaint when that is not permitted (no root, no CAP_SYS_ADMIN).</summary>
    public static TmpfsMount? TryMount(string path, string size, out string why)
    {
        Directory.CreateDirectory(path);
        var (code, output) = Exec("mount", "-t", "tmpfs", "-o", $"size={size},mode=0755", "tmpfs", path);
        why = output;
        return code == 0 ? new TmpfsMount(path) : null;
    }

    public void Dispose()
    {
        var (code, output) = Exec("umount", Path);
        if (code != 0)
        {
            // Still busy for a moment: a lazy unmount detaches it now and frees it once nothing holds it.
            (code, output) = Exec("umount", "-l", Path);
        }

        Assert.True(code == 0, $"umount {Path}: {output}");
    }

    private static (int Code, string Output) Exec(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        try
        {
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill();
                return (-1, $"{file} did not finish");
            }

            return (process.ExitCode, stdout.Result + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
