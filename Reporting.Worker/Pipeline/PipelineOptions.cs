using Microsoft.Extensions.Configuration;
using Reporting.Templates.Model;
using Reporting.Worker.Calendar;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Pipeline;

/// <summary>
/// How the pipeline issues reports, from configuration:
/// <c>Signing:Policy</c> overrides the default for every kind (demo and tests set <c>system</c>);
/// <c>Signing:Policies:&lt;kind&gt;</c> sets one kind. Without either: official for the periodic CCHC reports
/// (unit and consolidated), system for ad hoc ones (product decision 7).
/// <c>Pipeline:ConsolidatedIssuer</c> is the register (issuer code) that numbers the consolidated report.
/// </summary>
public sealed record PipelineOptions(IReadOnlyDictionary<ReportKind, SigningPolicy> Policies, string ConsolidatedIssuer)
{
    public SigningPolicy PolicyFor(ReportKind kind) => Policies[kind];

    /// <summary>
    /// <c>Pipeline:UnitConcurrency</c> (default 2): how many unit reports an in-process cycle (<c>run</c>) runs at
    /// once. Two keeps the shared Chromium's two pages busy while another unit extracts, signs or sends.
    /// </summary>
    public int UnitConcurrency { get; init; } = 2;

    /// <summary>
    /// <c>Pipeline:RetryDelaysSeconds</c> (default "5,15,60,300"): how long an in-process cycle (<c>run</c>) waits
    /// before each new attempt of a unit whose attempt failed transiently (the database restarting, the mail
    /// server away, an e-mail still leased by a worker that died: <c>Delivery:LeaseSeconds</c>, 300 by default,
    /// which the default delays outlast). Hangfire's <c>UnitJob</c> has its own retries.
    /// </summary>
    public IReadOnlyList<TimeSpan> RetryDelays { get; init; } = DefaultRetryDelays;

    private static readonly TimeSpan[] DefaultRetryDelays = [.. new[] { 5, 15, 60, 300 }.Select(s => TimeSpan.FromSeconds(s))];

    public static PipelineOptions From(IConfiguration configuration)
    {
        var all = configuration["Signing:Policy"];
        var policies = new Dictionary<ReportKind, SigningPolicy>();
        foreach (var kind in Enum.GetValues<ReportKind>())
        {
            var text = configuration[$"Signing:Policies:{Period.KindName(kind)}"] ?? all;
            policies[kind] = text is null
                ? (kind == ReportKind.Adhoc ? SigningPolicy.System : SigningPolicy.Official)
                : ParsePolicy(text);
        }

        var concurrency = configuration["Pipeline:UnitConcurrency"] is { Length: > 0 } c ? int.Parse(c, System.Globalization.CultureInfo.InvariantCulture) : 2;
        if (concurrency < 1)
        {
            throw new ReportingException(ErrorCodes.BadConfiguration, $"Pipeline:UnitConcurrency phải ≥ 1, nhận được {concurrency}.");
        }

        var delays = DefaultRetryDelays;
        if (configuration["Pipeline:RetryDelaysSeconds"] is { } delaysText)
        {
            var parts = delaysText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            delays = new TimeSpan[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                if (!double.TryParse(parts[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds < 0)
                {
                    throw new ReportingException(ErrorCodes.BadConfiguration, $"Pipeline:RetryDelaysSeconds phải là các số giây ≥ 0 cách nhau bởi dấu phẩy, nhận được '{delaysText}'.");
                }

                delays[i] = TimeSpan.FromSeconds(seconds);
            }
        }

        return new PipelineOptions(policies, configuration["Pipeline:ConsolidatedIssuer"] ?? "SNV") { UnitConcurrency = concurrency, RetryDelays = delays };
    }

    private static SigningPolicy ParsePolicy(string text) => text.Trim().ToLowerInvariant() switch
    {
        "official" => SigningPolicy.Official,
        "system" => SigningPolicy.System,
        _ => throw new ReportingException(ErrorCodes.BadConfiguration, $"Chính sách ký '{text}' không hợp lệ; dùng official hoặc system."),
    };
}
