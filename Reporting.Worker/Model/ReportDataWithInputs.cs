using System.Security.Cryptography;
using System.Text;
using Reporting.Worker.Inputs;
using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Model;

/// <summary>
/// The data a report is made of: the warehouse figures (the extract stage) plus the unit's own narrative and
/// indicators (unit inputs). Both go into the model and into the fingerprint, so a changed input after issue
/// makes a new version instead of silently altering the issued one.
/// </summary>
public sealed class ReportDataWithInputs(IReportDataSource figures, UnitInputStore inputs) : IReportDataSource
{
    public async Task<ReportData> LoadAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        var data = await figures.LoadAsync(request, cancellationToken);
        var unit = await UnitInputsForReport.LoadAsync(inputs, request.Key, cancellationToken);
        return new ReportData(unit.ApplyTo(data.Model), Combine(data.Fingerprint, unit.Fingerprint));
    }

    /// <summary>SHA-256 (hex) over both fingerprints, each labelled, separated by a record separator.</summary>
    public static string Combine(string figures, string inputs) => Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes($"figures:{figures}\u001eunit-inputs:{inputs}")));
}
