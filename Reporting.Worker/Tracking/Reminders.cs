using Dapper;
using MimeKit;
using Npgsql;
using Reporting.Templates.Model;
using Reporting.Worker.Calendar;
using Reporting.Worker.Database;
using Reporting.Worker.Deliver;

namespace Reporting.Worker.Tracking;

/// <summary>One reminder row as an operator (or a test) sees it.</summary>
public sealed record ReminderEntry(long Id, string Kind, string PeriodCode, string UnitCode, int StepDays, string Recipient, string MessageId, string State, int Attempts, string? LastError);

/// <summary>
/// Reminders before the due date: on each configured step (Delivery:ReminderDays, e.g. 7, 3 and 1 days before),
/// every expected unit that has not reported gets one e-mail at its own mailbox, once per (kind, period, unit,
/// step): a unique key in delivery_reminder, not the scheduler's memory. When runs were missed, only the nearest
/// step reached is sent (never a burst of old steps). Sent through the same SMTP path as the reports.
/// </summary>
public sealed class Reminders(NpgsqlDataSource dataSource, DeliveryOptions settings, SubmissionTracker tracker, IDueDateSource dueDates)
{
    private readonly DeliveryOptions options = settings.WithDefaults();

    private const int BatchSize = 50;

    /// <summary>The scheduler's entry point. Returns how many reminders were sent by this call.</summary>
    public async Task<int> SendDueRemindersAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        now = now.ToUniversalTime(); // Npgsql writes timestamptz from UTC only
        await ScheduleAsync(now, cancellationToken);
        // Checkpoint: every reminder owed today has its row; from here a crash only delays the e-mails.
        return await SendScheduledAsync(now, cancellationToken);
    }

    public static async Task<IReadOnlyList<ReminderEntry>> ListAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<ReminderEntry>(new CommandDefinition(SqlFiles.Get("queries/tracking/reminder_list"), cancellationToken: cancellationToken))).ToList();
    }

    private async Task ScheduleAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (options.ReminderDays.Length == 0)
        {
            return;
        }

        var today = CivilTime.DateOf(now);
        foreach (var kind in options.ReminderKinds.Select(Period.ParseKind))
        {
            foreach (var code in CandidatePeriods(kind, today.Year))
            {
                var due = dueDates.DueDate(kind, code, consolidated: false);
                var daysLeft = due.DayNumber - today.DayNumber;
                var reached = options.ReminderDays.Where(d => d >= daysLeft).ToList();
                if (daysLeft < 0 || reached.Count == 0)
                {
                    continue;
                }

                var step = reached.Min();
                var report = await tracker.BuildAsync(kind, code, now, cancellationToken);
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                foreach (var unit in report.Units.Where(u => !u.HasReported && !string.IsNullOrWhiteSpace(u.Email)))
                {
                    var kindName = Period.KindName(kind);
                    await connection.ExecuteAsync(new CommandDefinition(SqlFiles.Get("queries/tracking/reminder_insert"), new
                    {
                        kind = kindName,
                        period = code,
                        unit = unit.UnitCode,
                        step,
                        due,
                        recipient = Recipient.Normalise(DeliveryChannel.Email, unit.Email!),
                        message_id = MessageIds.ForReminder(kindName, code, unit.UnitCode, step, options.Smtp.MessageIdDomain),
                        now,
                    }, cancellationToken: cancellationToken));
                }
            }
        }
    }

    private async Task<int> SendScheduledAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sent = 0;
        await using var smtp = new SmtpSession(options.Smtp);
        while (true)
        {
            List<Claimed> claimed;
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            {
                claimed = (await connection.QueryAsync<Claimed>(new CommandDefinition(SqlFiles.Get("queries/tracking/reminder_claim"),
                    new { now, lease_until = now.AddSeconds(options.LeaseSeconds), limit = BatchSize }, cancellationToken: cancellationToken))).ToList();
            }

            foreach (var row in claimed)
            {
                var names = await UnitNameAsync(row.UnitCode, cancellationToken);
                var result = await smtp.SendAsync(Compose(row, names, now), row.Recipient, cancellationToken);
                (string State, string? Error, DateTimeOffset? Next) outcome = result.Status switch
                {
                    SendStatus.Sent => ("sent", null, null),
                    SendStatus.Permanent => ("failed", result.Error, null),
                    _ when row.Attempts >= options.Retry.MaxAttempts => ("failed", result.Error, null),
                    _ => ("pending", result.Error, now + options.Retry.DelayAfter(row.Attempts)),
                };
                sent += outcome.State == "sent" ? 1 : 0;
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(SqlFiles.Get("queries/tracking/reminder_outcome"), new
                {
                    id = row.Id,
                    attempts = row.Attempts,
                    state = outcome.State,
                    error = outcome.Error,
                    next_attempt_at = outcome.Next,
                    sent_at = outcome.State == "sent" ? now : (DateTimeOffset?)null,
                }, cancellationToken: cancellationToken));
            }

            if (claimed.Count < BatchSize)
            {
                return sent;
            }
        }
    }

    private MimeMessage Compose(Claimed row, string unitName, DateTimeOffset now)
    {
        var kind = Period.ParseKind(row.Kind);
        var due = row.DueDate;
        var daysLeft = due.DayNumber - CivilTime.DateOf(now).DayNumber;
        var period = VietnameseText.PeriodLabel(kind, row.PeriodCode);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.Smtp.FromName, options.Smtp.From));
        message.To.Add(new MailboxAddress(unitName, row.Recipient));
        message.MessageId = row.MessageId;
        message.Subject = $"Nhắc hạn gửi Báo cáo kết quả thực hiện công tác CCHC {period} - hạn {VietnameseText.Short(due)}";
        var left = daysLeft > 0 ? $"còn {daysLeft} ngày" : "hôm nay là ngày cuối";
        message.Body = new TextPart("plain")
        {
            Text = string.Join("\r\n",
                $"Kính gửi: {unitName}.",
                "",
                $"Đến nay hệ thống chưa ghi nhận Báo cáo kết quả thực hiện công tác cải cách hành chính {period} của đơn vị.",
                $"Hạn gửi {options.SuperiorLabel}: {VietnameseText.Date(due)} ({left}).",
                "",
                "Thư nhắc này do hệ thống báo cáo CCHC gửi tự động; nếu đơn vị đã gửi báo cáo, xin bỏ qua thư này.").Normalize(System.Text.NormalizationForm.FormC),
        };
        return message;
    }

    private async Task<string> UnitNameAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await RecipientDirectory.AgencyAsync(connection, code, cancellationToken))?.Name ?? code;
    }

    /// <summary>Periods of a kind whose due date can fall near <paramref name="year"/>: last year's, this year's, next year's.</summary>
    private static IEnumerable<string> CandidatePeriods(ReportKind kind, int year) =>
        Enumerable.Range(year - 1, 3).SelectMany(y => kind switch
        {
            ReportKind.Annual => [$"{y}"],
            ReportKind.Quarter => Enumerable.Range(1, 4).Select(q => $"{y}-Q{q}"),
            ReportKind.Half => [$"{y}-H1"],
            ReportKind.NineMonths => [$"{y}-9M"],
            _ => Array.Empty<string>(),
        });

    private sealed record Claimed(long Id, string Kind, string PeriodCode, string UnitCode, int StepDays, DateOnly DueDate, string Recipient, string MessageId, int Attempts);
}
