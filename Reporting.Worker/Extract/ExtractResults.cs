using Reporting.Worker.Calendar;

namespace Reporting.Worker.Extract;

/// <summary>
/// Everything the extracts returned for one report: the model is a pure function of this (plus names and the issue
/// date), and the data fingerprint is a hash of its canonical form (<see cref="Model.Fingerprint"/>).
/// </summary>
/// <param name="Units">Deciding agencies covered; null for the whole province.</param>
/// <param name="PreviousSources">"Same period last year": the predecessor units summed (empty for the province).</param>
public sealed record ExtractResults(
    string UnitCode,
    ReportWindow Window,
    int[]? Units,
    IReadOnlyList<TthcExtractRow> Rows,
    IReadOnlyList<DataQualityExtractRow> DataQuality,
    ServiceCatalogueCounts Catalogue,
    ProcessNoteCounts ProcessNotes,
    FeedbackCounts Feedback,
    PlanTaskCounts PlanTasks,
    ReportWindow PreviousWindow,
    IReadOnlyList<int> PreviousSources,
    IReadOnlyList<TthcExtractRow> PreviousRows);
