using Microsoft.Extensions.Configuration;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Deliver;

/// <summary>
/// The "Delivery" configuration section: the default recipients, the SMTP server, the file drop, the retry
/// schedule, what to do with a send whose outcome is unknown, the reminder steps and the default due dates.
/// Secrets (Smtp:Password) come from the environment (REPORTING_Delivery__Smtp__Password), never from the repo.
/// </summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>Sở Nội vụ's mailbox: receives every unit report.</summary>
    public string? SuperiorMailbox { get; set; }

    public string SuperiorLabel { get; set; } = "Sở Nội vụ";

    /// <summary>UBND tỉnh's mailbox: receives the consolidated report.</summary>
    public string? ProvinceMailbox { get; set; }

    public string ProvinceLabel { get; set; } = "UBND tỉnh";

    /// <summary>Send the issuing unit a copy at its own mailbox (agency.email).</summary>
    public bool SendOwnCopy { get; set; } = true;

    /// <summary>The document-management system's drop directory; null or empty: no file drop.</summary>
    public string? FileDropDirectory { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    public RetryOptions Retry { get; set; } = new();

    public UnknownOutcomePolicy UnknownOutcome { get; set; } = UnknownOutcomePolicy.Resend;

    /// <summary>How long a claimed row may stay 'sending' before it is taken for a dead worker's.</summary>
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>Days before the due date on which units that have not reported get a reminder (default 7, 3, 1).</summary>
    public int[] ReminderDays { get; set; } = [];

    /// <summary>Kinds whose periods get reminders (default annual).</summary>
    public string[] ReminderKinds { get; set; } = [];

    public static DeliveryOptions From(IConfiguration configuration)
    {
        // The binder appends configured array items to an initial value, so array defaults are applied after binding.
        var options = configuration.GetSection(Section).Get<DeliveryOptions>() ?? new DeliveryOptions();
        return options.WithDefaults().Validate();
    }

    /// <summary>Fills the array settings left empty: reminders 7, 3 and 1 days before, for annual reports.</summary>
    public DeliveryOptions WithDefaults()
    {
        if (ReminderDays.Length == 0)
        {
            ReminderDays = [7, 3, 1];
        }

        if (ReminderKinds.Length == 0)
        {
            ReminderKinds = ["annual"];
        }

        return this;
    }

    /// <summary>Fails at start with the bad value named, never in the middle of a send.</summary>
    public DeliveryOptions Validate()
    {
        static Exception Bad(string what) => new ReportingException(ErrorCodes.BadConfiguration, $"Cấu hình Delivery: {what}");

        if (Retry.BaseSeconds <= 0 || Retry.MaxSeconds < Retry.BaseSeconds)
        {
            throw Bad($"Retry:BaseSeconds ({Retry.BaseSeconds}) phải dương và không lớn hơn Retry:MaxSeconds ({Retry.MaxSeconds}).");
        }

        if (Retry.MaxAttempts < 1)
        {
            throw Bad($"Retry:MaxAttempts ({Retry.MaxAttempts}) phải từ 1 trở lên.");
        }

        if (LeaseSeconds < 10)
        {
            throw Bad($"LeaseSeconds ({LeaseSeconds}) phải từ 10 trở lên.");
        }

        if (ReminderDays.Any(d => d < 0))
        {
            throw Bad($"ReminderDays ({string.Join(", ", ReminderDays)}) không được âm.");
        }

        if (Smtp.Port is < 1 or > 65535)
        {
            throw Bad($"Smtp:Port ({Smtp.Port}) không hợp lệ.");
        }

        foreach (var kind in ReminderKinds)
        {
            Calendar.Period.ParseKind(kind);
        }

        return this;
    }
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 25;

    /// <summary>StartTls, Ssl or None (None only for a loopback relay or tests).</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "baocao@reporting.local";

    public string FromName { get; set; } = "Hệ thống báo cáo CCHC";

    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>The right-hand side of every Message-ID.</summary>
    public string MessageIdDomain { get; set; } = "reporting.local";
}

public enum SmtpSecurity
{
    StartTls,
    Ssl,
    None,
}

/// <summary>Exponential backoff: BaseSeconds × 2^(attempt − 1), at most MaxSeconds, for at most MaxAttempts sends.</summary>
public sealed class RetryOptions
{
    public int BaseSeconds { get; set; } = 60;

    public int MaxSeconds { get; set; } = 3600;

    public int MaxAttempts { get; set; } = 10;

    public TimeSpan DelayAfter(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(MaxSeconds, BaseSeconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30))));
}

/// <summary>What happens to a send whose outcome is unknown (the connection dropped after the message data).</summary>
public enum UnknownOutcomePolicy
{
    /// <summary>Send again with the same Message-ID: a duplicate is recognisable, a lost report is worse.</summary>
    Resend,

    /// <summary>Leave it 'unknown' until an operator decides (<c>delivery resolve</c>).</summary>
    Hold,
}
