using Reporting.Templates.Model;

namespace Reporting.Worker.Pipeline;

/// <summary>
/// One issued (or drafted) version of a report: its key, version number, the document number allocated to it,
/// the fingerprint of the data it shows and how it is signed. Created once per (key, template version,
/// fingerprint); a new fingerprint makes a new version that supersedes the previous one.
/// </summary>
public sealed record ReportVersion(
    long Id,
    ReportKey Key,
    int Version,
    string IssuerCode,
    int DocumentNumber,
    string DocumentSymbol,
    DateOnly IssueDate,
    string Fingerprint,
    string TemplateVersion,
    SigningPolicy Policy)
{
    /// <summary>"15/BC-SNV": numbers below 10 get a leading zero (Nghị định 30/2020).</summary>
    public string DocumentNumberText => $"{DocumentNumber:00}/{DocumentSymbol}";

    /// <summary>File stem: &lt;period&gt;_&lt;unit&gt;_&lt;kind&gt;_v&lt;version&gt; (design.md).</summary>
    public string FileStem => $"{Key.PeriodCode}_{Key.UnitCode}_{Calendar.Period.KindName(Key.Kind)}_v{Version}";
}

/// <summary>
/// Product decision 7: <see cref="Official"/> reports are issued as unsigned drafts, signed by people with their
/// tokens outside the system and imported back; <see cref="System"/> reports carry the system's own technical
/// integrity signature and are issued at once.
/// </summary>
public enum SigningPolicy
{
    Official,
    System,
}
