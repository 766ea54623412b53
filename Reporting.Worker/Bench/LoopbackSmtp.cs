using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Bench;

/// <summary>
/// The loopback SMTP capture the demo and the delivery tests use (Reporting.Tests/Fixtures/smtp_server.py, run by
/// /usr/bin/python3): every accepted message lands in <see cref="MailDirectory"/> as an .eml. Stopped on dispose.
/// </summary>
public sealed class LoopbackSmtp : IAsyncDisposable
{
    private readonly Process _process;

    private LoopbackSmtp(Process process, int port, string mailDirectory)
    {
        _process = process;
        Port = port;
        MailDirectory = mailDirectory;
    }

    public int Port { get; }

    public string MailDirectory { get; }

    public int Captured => Directory.EnumerateFiles(MailDirectory, "*.eml").Count();

    public static async Task<LoopbackSmtp> StartAsync(string mailDirectory, string? script, CancellationToken ct)
    {
        script ??= FindScript() ?? throw new ReportingException(ErrorCodes.BenchToolFailed,
            "Không tìm thấy Reporting.Tests/Fixtures/smtp_server.py; chỉ đường dẫn bằng --smtp-script.");
        Directory.CreateDirectory(mailDirectory);
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        var info = BenchKit.StartInfo("/usr/bin/python3", [script, port.ToString(System.Globalization.CultureInfo.InvariantCulture), mailDirectory]);
        info.RedirectStandardInput = true;
        var process = Process.Start(info) ?? throw new ReportingException(ErrorCodes.BenchToolFailed, "Không chạy được máy chủ SMTP thử.");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        var ready = await process.StandardOutput.ReadLineAsync(limit.Token);
        if (ready != "ready")
        {
            process.Kill(entireProcessTree: true);
            throw new ReportingException(ErrorCodes.BenchToolFailed, $"Máy chủ SMTP thử không khởi động: {ready} {await process.StandardError.ReadToEndAsync(ct)}");
        }

        return new LoopbackSmtp(process, port, mailDirectory);
    }

    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Reporting.Tests", "Fixtures", "smtp_server.py");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var cwd = Path.Combine(Directory.GetCurrentDirectory(), "Reporting.Tests", "Fixtures", "smtp_server.py");
        return File.Exists(cwd) ? cwd : null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close(); // end of stdin stops the server
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
