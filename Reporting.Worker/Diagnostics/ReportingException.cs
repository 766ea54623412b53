namespace Reporting.Worker.Diagnostics;

/// <summary>
/// An expected failure with a stable code and a Vietnamese message for the person who caused or can fix it.
/// Anything else that escapes is a defect and is shown with its stack trace.
/// </summary>
public sealed class ReportingException : Exception
{
    public ReportingException(string code, string message, Exception? inner = null) : base(message, inner) => Code = code;

    public string Code { get; }

    public override string ToString() => $"[{Code}] {Message}";
}
