using System.Globalization;

namespace Reporting.Worker.Api;

/// <summary>What <c>GET /api/reports/{id}</c> answers: the request, its state and progress, links to its files.</summary>
public sealed record ReportStatus(
    Guid Id,
    string Unit,
    string Kind,
    string Period,
    string From,
    string To,
    IReadOnlyList<string>? Fields,
    IReadOnlyList<string> Formats,
    string State,
    int Progress,
    string? Stage,
    bool Reused,
    ApiError? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    string? Fingerprint,
    long? ReportVersionId,
    IReadOnlyDictionary<string, string> Links)
{
    public static ReportStatus Of(RequestRow row)
    {
        var self = $"/api/reports/{row.Id}";
        var links = new Dictionary<string, string>(StringComparer.Ordinal) { ["self"] = self };
        if (row.State == "done")
        {
            foreach (var format in row.Formats)
            {
                links[format] = $"{self}/{format}";
            }
        }

        return new ReportStatus(
            row.Id, row.UnitCode, row.Kind, row.PeriodCode,
            row.DateFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.DateTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            row.FieldCodes, row.Formats, row.State, row.Progress, row.Stage, row.Reused,
            row.ErrorCode is null ? null : new ApiError(row.ErrorCode, row.ErrorMessage ?? ""),
            Utc(row.CreatedAt), row.FinishedAt is { } f ? Utc(f) : null, row.Fingerprint, row.ReportVersionId, links);
    }

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
}

/// <summary>Answer to <c>POST /api/reports</c>: the new request id, where to poll, and the state.</summary>
public sealed record ReportAccepted(Guid Id, string State, string Location);

/// <summary>One page of the caller's unit's requests.</summary>
public sealed record ReportPage(IReadOnlyList<ReportStatus> Items, int Page, int PageSize, long Total);
