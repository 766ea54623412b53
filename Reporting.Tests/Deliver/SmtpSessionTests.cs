using System.Net;
using System.Net.Sockets;
using MimeKit;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Deliver;

namespace Reporting.Tests.Deliver;

/// <summary>How one send is classified, against real servers on loopback.</summary>
public sealed class SmtpSessionTests
{
    private static MimeMessage Message(string to)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("baocao@reporting.local"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = "Thử nghiệm";
        message.MessageId = $"{Guid.NewGuid():N}@reporting.local";
        message.Body = new TextPart("plain") { Text = "Nội dung" };
        return message;
    }

    [Fact]
    public async Task Send_WithCredentials_Authenticates_AndWithoutThem_IsTransientNotLost()
    {
        await using var server = await TestSmtpServer.StartAsync("baocao:mat-khau");
        var options = new SmtpOptions { Host = "127.0.0.1", Port = server.Port, Security = SmtpSecurity.None, UserName = "baocao", Password = "mat-khau", TimeoutSeconds = 20 };

        SendResult good, bad;
        await using (var session = new SmtpSession(options))
        {
            good = await session.SendAsync(Message("a@snv.angiang.gov.vn"), "a@snv.angiang.gov.vn", CancellationToken.None);
        }

        options.UserName = null;
        await using (var session = new SmtpSession(options))
        {
            bad = await session.SendAsync(Message("b@snv.angiang.gov.vn"), "b@snv.angiang.gov.vn", CancellationToken.None);
        }

        Assert.Equal(SendStatus.Sent, good.Status);
        Assert.Equal(SendStatus.Transient, bad.Status); // a configuration error: retried, failed after MaxAttempts
        Assert.Contains("Authentication required", bad.Error ?? "", StringComparison.Ordinal);
        Assert.Single(server.Messages());
    }

    [Fact]
    public async Task Send_ToAServerThatNeverAnswers_TimesOutAsTransient()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var accept = silent.AcceptTcpClientAsync(); // accepted, never greeted

        await using var session = new SmtpSession(new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, TimeoutSeconds = 1 });
        var result = await session.SendAsync(Message("a@snv.angiang.gov.vn"), "a@snv.angiang.gov.vn", CancellationToken.None);

        Assert.Equal(SendStatus.Transient, result.Status);
        (await accept).Dispose();
    }
}
