namespace Reporting.Worker.Diagnostics;

/// <summary>
/// A failure expected to clear by itself (Chromium died under a document, ...): a stable code and a Vietnamese
/// message like <see cref="ReportingException"/>, but retried. It is an <see cref="IOException"/>, so
/// <c>Failures.IsTransient</c>, the Hangfire retry of <c>UnitJob</c> and the pipeline (run back to
/// <c>pending</c> with the reason) treat it as transient.
/// </summary>
public sealed class TransientReportingException(string code, string message, Exception? inner = null) : IOException(message, inner)
{
    public string Code { get; } = code;

    public override string ToString() => $"[{Code}] {Message}";
}
