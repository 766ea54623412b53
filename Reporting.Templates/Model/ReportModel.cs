namespace Reporting.Templates.Model;

/// <summary>
/// Everything a report prints, as plain immutable data: templates turn it into PDF and XLSX and never query
/// anything. The Worker maps extract results into it; the same model always renders the same text.
/// </summary>
public sealed record ReportModel(
    DocumentHeader Header,
    ReportPeriod Period,
    ReportUnit Unit,
    TthcTable TthcByField,
    TthcTable? TthcByUnit,
    ServiceFigures Services,
    FeedbackFigures Feedback,
    PlanTaskFigures PlanTasks,
    Comparison? LastYear,
    IReadOnlyList<UnitRanking> Ranking,
    IReadOnlyList<OverdueField> MostOverdueFields,
    IReadOnlyList<NarrativeSection> Sections,
    DataQualityAnnex DataQuality,
    SignatureBlock Signature,
    string TemplateVersion)
{
    /// <summary>True for the consolidated provincial report (every unit, ranking).</summary>
    public bool IsConsolidated => TthcByUnit is not null;

    /// <summary>
    /// Optional list of every overdue dossier (own workbook sheet, streamed). Empty by default. A sequence, not a
    /// list, so 100k+ rows need not sit in memory: the workbook writer enumerates it once, writing each row as it
    /// comes. It must give the same rows each time it is enumerated (a deferred read of fixed data, not a one-shot
    /// reader), like every other part of the model: the same model always renders the same workbook.
    /// </summary>
    public IEnumerable<OverdueDossier> OverdueDossiers { get; init; } = [];

    /// <summary>
    /// The unit's own appendix indicators (unit inputs, domain.md §4.3), in the order of the input definition;
    /// empty when the report kind defines none. Narrative inputs arrive in <see cref="Sections"/>, keyed by
    /// outline number ("I.1", "II.3", "III", ...).
    /// </summary>
    public IReadOnlyList<UnitIndicator> Indicators { get; init; } = [];
}
