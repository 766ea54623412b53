namespace Reporting.Templates.Model;

/// <summary>
/// Dossiers that could not be classified, excluded from every figure and listed (domain.md, issue 3): per rule a
/// count and a sample of codes with reasons. Empty when the data are clean.
/// </summary>
public sealed record DataQualityAnnex(IReadOnlyList<DataQualityRule> Rules)
{
    public static DataQualityAnnex Empty { get; } = new([]);

    public long ExcludedTotal => Rules.Sum(r => r.Count);
}

/// <param name="Code">Stable rule code, e.g. "DQ_RESOLVED_BEFORE_RECEIVED".</param>
/// <param name="Description">Vietnamese description of the rule.</param>
public sealed record DataQualityRule(string Code, string Description, long Count, IReadOnlyList<DataQualityItem> Items);

public sealed record DataQualityItem(string DossierCode, string Reason);
