using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Reporting.Tests.Fixtures;

/// <summary>
/// A real SMTP server process on loopback: Fixtures/smtp_server.py under Debian's /usr/bin/python3 with
/// python3-aiosmtpd. Saves every accepted message as a file in <see cref="MailDirectory"/>; steered over stdin
/// (reject a recipient with 550, answer 4xx for a while, drop the connection after DATA). Stop and start it to
/// simulate an outage; the port and the mail directory survive a restart. A missing python or aiosmtpd fails.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private Process? _process;

    private readonly string? _credentials;

    private TestSmtpServer(int port, string mailDirectory, string? credentials)
    {
        Port = port;
        MailDirectory = mailDirectory;
        _credentials = credentials;
    }

    public int Port { get; }

    public string MailDirectory { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <param name="credentials">"user:password": the server then requires AUTH before MAIL.</param>
    public static async Task<TestSmtpServer> StartAsync(string? credentials = null)
    {
        var server = new TestSmtpServer(FreePort(), Path.Combine(Path.GetTempPath(), $"reporting-smtp-{Guid.NewGuid():N}"), credentials);
        Directory.CreateDirectory(server.MailDirectory);
        try
        {
            await server.StartProcessAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Starts the server again after <see cref="StopAsync"/> (same port, same mail directory).</summary>
    public Task RestartAsync() => IsRunning ? Task.CompletedTask : StartProcessAsync();

    /// <summary>Kills the server process: connections are refused until <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
    }

    /// <summary>One steering command ("reject a@b", "tempfail 2", "drop-after-data 1", "clear").</summary>
    public async Task CommandAsync(string command)
    {
        var process = _process ?? throw new InvalidOperationException("SMTP server is not running");
        await process.StandardInput.WriteLineAsync(command);
        await process.StandardInput.FlushAsync();
        var answer = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("ok", answer);
    }

    /// <summary>Every message received so far, parsed with MimeKit, in arrival order.</summary>
    public IReadOnlyList<MimeMessage> Messages() => Directory.GetFiles(MailDirectory, "*.eml")
        .Order(StringComparer.Ordinal)
        .Select(path => MimeMessage.Load(path))
        .ToList();

    /// <summary>How many messages arrived with each Message-ID.</summary>
    public IReadOnlyDictionary<string, int> CountByMessageId() => Messages()
        .GroupBy(m => m.MessageId ?? "")
        .ToDictionary(g => g.Key, g => g.Count());

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(MailDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private async Task StartProcessAsync()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Fixtures", "smtp_server.py");
        Assert.True(File.Exists(Python), $"{Python} is missing: install Debian's python3 and python3-aiosmtpd (scripts/lib/setup.sh)");
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add(MailDirectory);
        if (_credentials is not null)
        {
            info.ArgumentList.Add(_credentials);
        }

        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the SMTP server");
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        string? ready;
        try
        {
            ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (ready != "ready")
        {
            await process.WaitForExitAsync();
            string text;
            lock (errors)
            {
                text = errors.ToString();
            }

            process.Dispose();
            throw new InvalidOperationException($"SMTP server did not start (python3-aiosmtpd installed?): {text}");
        }

        _process = process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>xunit class fixture: one SMTP server process for the test class, killed afterwards.</summary>
public sealed class SmtpServerFixture : IAsyncLifetime
{
    private TestSmtpServer? _server;

    public TestSmtpServer Server => _server ?? throw new InvalidOperationException("not initialised");

    public async Task InitializeAsync() => _server = await TestSmtpServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>A clock the test moves by hand (retry back-off, due dates), never by sleeping.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start.ToUniversalTime();

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    public void Set(DateTimeOffset to) => _now = to.ToUniversalTime();
}
