using System.Diagnostics;
using Reporting.Worker.Sign;

namespace Reporting.Tests.Fixtures;

/// <summary>
/// One set of development certificates per test run (made by the product's own <see cref="DevCertificates"/>)
/// and an NSS database trusting the development CA, so <c>pdfsig -nssdir</c> can say "Certificate is Trusted".
/// certutil (Debian libnss3-tools) is required; a missing one fails the tests.
/// </summary>
public static class DevCerts
{
    private static readonly Lazy<string> Dir = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Directory => Dir.Value;

    public static string TrustDirectory => Path.Combine(Directory, DevCertificates.TrustDirectory);

    public static string NssDirectory => Path.Combine(Directory, "nss");

    /// <summary>The NSS nickname of the official signer's key (as pk12util named it).</summary>
    public static string OfficialSignerNick =>
        Tools.Run("pdfsig", "-nssdir", $"sql:{NssDirectory}", "-list-nicks").Split('\n')
            .Select(l => l.Trim()).First(l => l.StartsWith("Nguyễn Văn A", StringComparison.Ordinal));

    public static SigningCertificate Load(string file) => SigningCertificate.Load(Path.Combine(Directory, file));

    private static string Create()
    {
        RemoveStale();
        var dir = Path.Combine(Path.GetTempPath(), $"reporting-test-certs-{Environment.ProcessId}");
        if (System.IO.Directory.Exists(dir))
        {
            System.IO.Directory.Delete(dir, recursive: true);
        }

        DevCertificates.Create(dir, force: false);
        var nss = Path.Combine(dir, "nss");
        System.IO.Directory.CreateDirectory(nss);
        Tools.Run("certutil", "-N", "-d", $"sql:{nss}", "--empty-password");
        Tools.Run("certutil", "-A", "-d", $"sql:{nss}", "-n", "reporting-dev-ca", "-t", "CT,C,C", "-i", Path.Combine(dir, "trust", "dev-ca.crt"));
        // The official signer's key too, so poppler (pdfsig -add-signature) can play another signing tool.
        var p12 = Path.Combine(dir, DevCertificates.OfficialSignerFile);
        Tools.Run("pk12util", "-i", p12, "-d", $"sql:{nss}", "-W", File.ReadAllText(p12 + ".password").Trim());
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return dir;
    }

    /// <summary>Directories of test processes that no longer exist (the exit handler does not always run).</summary>
    private static void RemoveStale()
    {
        foreach (var stale in System.IO.Directory.GetDirectories(Path.GetTempPath(), "reporting-test-certs-*"))
        {
            if (int.TryParse(Path.GetFileName(stale)["reporting-test-certs-".Length..], out var pid) && !TestPostgres.ProcessIsAlive(pid))
            {
                try
                {
                    System.IO.Directory.Delete(stale, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }

}

/// <summary>Runs the machine's tools (pdfsig, certutil, chromium, qpdf) and returns their output.</summary>
public static class Tools
{
    public static (int ExitCode, string Output) Try(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public static string Run(string file, params string[] args)
    {
        var (code, output) = Try(file, args);
        return code == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {code}: {output}");
    }

    /// <summary>pdfsig against the NSS database that trusts the development CA.</summary>
    public static string Pdfsig(string pdfPath) => Try("pdfsig", "-nssdir", $"sql:{DevCerts.NssDirectory}", pdfPath).Output;
}
