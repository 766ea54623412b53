using Reporting.Templates.Model;

namespace Reporting.Worker.Tracking;

/// <summary>How far a unit's report for a period has come, in order (a later state includes the earlier).</summary>
public enum SubmissionState
{
    NotStarted = 0,

    /// <summary>A report run made a draft (worker: report run exists, nothing issued).</summary>
    Draft = 1,

    /// <summary>An official draft waits for the people's signatures (archive: DraftPdf stored, no IssuedPdf).</summary>
    AwaitingSignature = 2,

    /// <summary>An issued version exists (system-signed, or the signed PDF imported).</summary>
    Issued = 3,

    /// <summary>The issued report reached its superior (delivery ledger: superior rows sent).</summary>
    Delivered = 4,
}

/// <summary>One unit's progress for a period, as one source knows it. Absent fields are unknown to that source.</summary>
public sealed record UnitReportStatus(
    string UnitCode,
    SubmissionState State,
    int? Version = null,
    string? DocumentNumber = null,
    DateOnly? IssueDate = null,
    DateTimeOffset? DeliveredAt = null);

/// <summary>
/// Where tracking learns each unit's progress. The delivery ledger knows Issued and Delivered
/// (<see cref="DeliveryLedgerStatusSource"/>); the worker's report runs know Draft, the archive knows
/// AwaitingSignature and Issued: each provides one of these, and <see cref="CombinedStatusSource"/> keeps, per
/// unit, the furthest state. Units with nothing are simply absent.
/// </summary>
public interface IReportStatusSource
{
    Task<IReadOnlyList<UnitReportStatus>> GetAsync(ReportKind kind, string periodCode, CancellationToken cancellationToken);
}

/// <summary>Several sources as one: per unit the furthest state; its details, filled in from the others.</summary>
public sealed class CombinedStatusSource(params IReportStatusSource[] sources) : IReportStatusSource
{
    public async Task<IReadOnlyList<UnitReportStatus>> GetAsync(ReportKind kind, string periodCode, CancellationToken cancellationToken)
    {
        var all = new List<UnitReportStatus>();
        foreach (var source in sources)
        {
            all.AddRange(await source.GetAsync(kind, periodCode, cancellationToken));
        }

        return all.GroupBy(s => s.UnitCode, StringComparer.Ordinal)
            .Select(g =>
            {
                var ordered = g.OrderByDescending(s => s.State).ToList();
                var best = ordered[0];
                return best with
                {
                    Version = best.Version ?? ordered.Select(s => s.Version).FirstOrDefault(v => v is not null),
                    DocumentNumber = best.DocumentNumber ?? ordered.Select(s => s.DocumentNumber).FirstOrDefault(v => v is not null),
                    IssueDate = best.IssueDate ?? ordered.Select(s => s.IssueDate).FirstOrDefault(v => v is not null),
                    DeliveredAt = best.DeliveredAt ?? ordered.Select(s => s.DeliveredAt).FirstOrDefault(v => v is not null),
                };
            })
            .OrderBy(s => s.UnitCode, StringComparer.Ordinal)
            .ToList();
    }
}
