using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Reporting.Worker.Deliver;

/// <summary>How one send ended, as the ledger needs it.</summary>
public enum SendStatus
{
    Sent,

    /// <summary>Try again later: a 4xx reply, connection refused, a timeout, a drop before the message data.</summary>
    Transient,

    /// <summary>Never try again: a 5xx reply (the server's text is kept).</summary>
    Permanent,

    /// <summary>The connection dropped after the message data went out: the server may or may not have it.</summary>
    Unknown,
}

public sealed record SendResult(SendStatus Status, string? Error)
{
    public static readonly SendResult Ok = new(SendStatus.Sent, null);
}

/// <summary>
/// One SMTP connection for a batch of sends, opened on first use and reopened after a failure. Each message goes
/// to exactly one recipient (its Message-ID names that recipient), so every outcome belongs to one ledger row.
/// </summary>
public sealed class SmtpSession(SmtpOptions options) : IAsyncDisposable
{
    private SmtpClient? _client;

    public async Task<SendResult> SendAsync(MimeMessage message, string recipient, CancellationToken cancellationToken)
    {
        var reused = _client is { IsConnected: true };
        var result = await SendOnceAsync(message, recipient, cancellationToken);
        // A kept-open connection the server has since closed fails before any data: try once on a fresh one.
        return reused && result.Status == SendStatus.Transient && _client is null
            ? await SendOnceAsync(message, recipient, cancellationToken)
            : result;
    }

    private async Task<SendResult> SendOnceAsync(MimeMessage message, string recipient, CancellationToken cancellationToken)
    {
        var progress = new DataProgress();
        try
        {
            var client = await ConnectAsync(cancellationToken);
            await client.SendAsync(message, MailboxAddress.Parse(options.From), [MailboxAddress.Parse(recipient)], cancellationToken, progress);
            return SendResult.Ok;
        }
        catch (SmtpCommandException ex)
        {
            // A reply to a command: the server answered, so the outcome is known. RSET keeps the connection usable.
            var code = (int)ex.StatusCode;
            var text = $"{code} {ex.Message}".Trim();
            return code is >= 500 and < 600 ? new SendResult(SendStatus.Permanent, text) : new SendResult(SendStatus.Transient, text);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Connection refused (SocketException), timeouts, a dropped connection (IOException,
            // SmtpProtocolException), TLS or authentication trouble (a configuration error: retried until
            // MaxAttempts, so fixing the setting lets the row through), or anything unforeseen: never lose the row.
            await DropAsync();
            var text = $"{ex.GetType().Name}: {ex.Message}";
            // Once message bytes have left, the server may have accepted it before the connection broke.
            return progress.DataStarted ? new SendResult(SendStatus.Unknown, text) : new SendResult(SendStatus.Transient, text);
        }
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true })
        {
            return _client;
        }

        await DropAsync();
        var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        try
        {
            var security = options.Security switch
            {
                SmtpSecurity.Ssl => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.None => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(options.Host, options.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        _client = client;
        return client;
    }

    private async Task DropAsync()
    {
        if (_client is null)
        {
            return;
        }

        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync(quit: false);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or ObjectDisposedException)
        {
            // Already broken; nothing to close politely.
        }

        _client.Dispose();
        _client = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is { IsConnected: true })
        {
            try
            {
                await _client.DisconnectAsync(quit: true);
            }
            catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or SmtpCommandException)
            {
                // QUIT is a courtesy.
            }
        }

        _client?.Dispose();
        _client = null;
    }

    /// <summary>MailKit reports progress only while it writes the message data (after DATA/BDAT was accepted).</summary>
    private sealed class DataProgress : ITransferProgress
    {
        private int _started;

        public bool DataStarted => Volatile.Read(ref _started) == 1;

        public void Report(long bytesTransferred, long totalSize) => Report(bytesTransferred);

        public void Report(long bytesTransferred)
        {
            if (bytesTransferred > 0)
            {
                Volatile.Write(ref _started, 1);
            }
        }
    }
}
