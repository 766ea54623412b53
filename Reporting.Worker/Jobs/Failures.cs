using System.Net.Sockets;
using MailKit.Net.Smtp;
using Npgsql;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Jobs;

/// <summary>
/// Transient failures (the database, Chromium, SMTP going away for a while) retry with backoff; everything else
/// is permanent: a <see cref="ReportingException"/> (failed consistency check, missing certificate) or a defect.
/// </summary>
public static class Failures
{
    public static bool IsTransient(Exception ex) => ex switch
    {
        ReportingException => false,
        NpgsqlException n => n.IsTransient,
        TimeoutException or IOException or SocketException or HttpRequestException => true,
        SmtpCommandException s => (int)s.StatusCode is >= 400 and < 500,
        SmtpProtocolException => true,
        TaskCanceledException => true, // a timeout inside a stage (not our own cancellation: checked by callers)
        AggregateException a => a.InnerExceptions.All(IsTransient),
        _ => ex.InnerException is { } inner && IsTransient(inner),
    };
}
