using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Reporting.Worker.Cli;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Sign;

namespace Reporting.Worker.Bench;

/// <summary>
/// What every bench verb shares: medians and percentiles, the machine line printed first, configuration
/// overrides, the development certificates, and running a tool or this worker as a child process.
/// Benchmarks print; they never write to docs/.
/// </summary>
public static class BenchKit
{
    public static double Median(IReadOnlyCollection<double> values) => Percentile(values, 0.5);

    /// <summary>Nearest-rank percentile (p in 0..1) of the values.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static async Task<double> SecondsAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalSeconds;
    }

    public static string S(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";

    public static string X(double ratio) => "×" + ratio.ToString("0.00", CultureInfo.InvariantCulture);

    public static string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Cores, memory and load average, so a printed figure carries the machine it was measured on.</summary>
    public static string MachineLine()
    {
        var memory = "?";
        if (File.Exists("/proc/meminfo"))
        {
            var total = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (total is not null && long.TryParse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kb))
            {
                memory = F(kb / 1024.0 / 1024.0) + " GiB";
            }
        }

        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
        return $"máy: {Environment.ProcessorCount} lõi, {memory} RAM, tải trung bình {load}; {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC";
    }

    /// <summary>The verb's configuration with some keys replaced (later sources win).</summary>
    public static IConfiguration Override(IConfiguration configuration, IDictionary<string, string?> values) =>
        new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(values).Build();

    /// <summary>The development certificates under the data directory, created when missing (as `certs dev-create --if-missing`).</summary>
    public static void EnsureDevCertificates(VerbContext context)
    {
        var signing = SigningOptions.From(context.Configuration, context.Settings.DataDirectory);
        if (!File.Exists(signing.SystemCertificate))
        {
            DevCertificates.Create(Path.GetDirectoryName(signing.SystemCertificate)!, false);
        }
    }

    /// <summary>How to start this worker again as a child: the dotnet host and the worker's assembly.</summary>
    public static (string File, IReadOnlyList<string> Prefix) Self()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h
            : Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        return (host, ["exec", typeof(BenchKit).Assembly.Location]);
    }

    public static ProcessStartInfo StartInfo(string file, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        return info;
    }

    /// <summary>Runs a tool to its end; a non-zero exit fails the benchmark with the tool's own words.</summary>
    public static async Task<string> RunToolAsync(ProcessStartInfo info, TimeSpan timeout, CancellationToken ct)
    {
        using var process = Process.Start(info) ?? throw new ReportingException(ErrorCodes.BenchToolFailed, $"Không chạy được {info.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new ReportingException(ErrorCodes.BenchToolFailed, $"{info.FileName} quá {timeout.TotalSeconds:0} giây.");
        }

        var output = await stdout;
        if (process.ExitCode != 0)
        {
            throw new ReportingException(ErrorCodes.BenchToolFailed, $"{info.FileName} thoát với mã {process.ExitCode}: {(await stderr).Trim()} {output.Trim()}");
        }

        return output;
    }
}
