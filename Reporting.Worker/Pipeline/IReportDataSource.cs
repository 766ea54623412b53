using Reporting.Templates.Model;

namespace Reporting.Worker.Pipeline;

/// <summary>
/// The extract stage: runs the SQL extracts and the consistency checks for one report and maps the results into
/// the model. A failed check throws a ReportingException naming the unit, field and disagreeing numbers.
/// </summary>
public interface IReportDataSource
{
    Task<ReportData> LoadAsync(ReportRequest request, CancellationToken cancellationToken);
}

/// <param name="DataAsOf">When the data are taken; null means now (capped at the window's end).</param>
/// <param name="FieldCodes">Ad hoc reports may restrict the fields (lĩnh vực); null means all.</param>
public sealed record ReportRequest(ReportKey Key, DateTimeOffset? DataAsOf = null, IReadOnlyList<string>? FieldCodes = null);

/// <summary>
/// The model (document number left null: the pipeline fills it) and the data fingerprint: a SHA-256 (hex) over the
/// extract results and unit inputs, never over the number, the issue date or anything else the pipeline adds.
/// Same data, same fingerprint.
/// </summary>
public sealed record ReportData(ReportModel Model, string Fingerprint);
