using Microsoft.Extensions.Configuration;
using Reporting.Worker.Deliver;
using Reporting.Worker.Diagnostics;

namespace Reporting.Tests.Deliver;

public sealed class DeliveryOptionsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) => new ConfigurationBuilder()
        .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
        .Build();

    [Fact]
    public void From_ConfiguredReminderDays_ReplaceTheDefaults_InsteadOfBeingAppended()
    {
        var options = DeliveryOptions.From(Config(("Delivery:ReminderDays:0", "5"), ("Delivery:Smtp:Security", "Ssl"), ("Delivery:UnknownOutcome", "Hold")));

        Assert.Equal([5], options.ReminderDays);
        Assert.Equal(["annual"], options.ReminderKinds);
        Assert.Equal((SmtpSecurity.Ssl, UnknownOutcomePolicy.Hold), (options.Smtp.Security, options.UnknownOutcome));
    }

    [Fact]
    public void From_NothingConfigured_RemindsSevenThreeAndOneDayBefore()
    {
        Assert.Equal([7, 3, 1], DeliveryOptions.From(Config()).ReminderDays);
    }

    [Fact]
    public void From_ABackoffBaseAboveItsMaximum_FailsNamingTheValues()
    {
        var ex = Assert.Throws<ReportingException>(() => DeliveryOptions.From(Config(("Delivery:Retry:BaseSeconds", "600"), ("Delivery:Retry:MaxSeconds", "60"))));

        Assert.Equal(ErrorCodes.BadConfiguration, ex.Code);
        Assert.Contains("600", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DelayAfter_DoublesFromTheBase_UpToTheMaximum()
    {
        var retry = new RetryOptions { BaseSeconds = 60, MaxSeconds = 600 };

        Assert.Equal([60, 120, 240, 480, 600, 600], Enumerable.Range(1, 6).Select(a => retry.DelayAfter(a).TotalSeconds));
    }
}
