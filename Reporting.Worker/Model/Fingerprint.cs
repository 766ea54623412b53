using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Reporting.Worker.Extract;

namespace Reporting.Worker.Model;

/// <summary>
/// The data fingerprint of a report (design.md "Runs and idempotency"): SHA-256, hex, over a canonical text of the
/// extract results — the period and the window's start, the units, every extract row in key order with every
/// figure — and never over the document number, the issue date or anything else the pipeline adds. Same data, same
/// hash. The instant the data were taken ("số liệu tính đến", the window's end when it is "now") is left out on
/// purpose: a re-run with unchanged figures reuses the issued version instead of issuing a copy with a later
/// as-of date; snapshot figures that do move with time (a dossier turning overdue) change the hash themselves.
/// </summary>
public static class Fingerprint
{
    public static string Of(ExtractResults r)
    {
        var text = new StringBuilder();
        void Line(params object?[] values) => text.Append(string.Join('|', values.Select(Canonical))).Append('\n');

        Line("v2", r.UnitCode, r.Window.Period.Kind, r.Window.Period.Code, r.Window.Start);
        Line("units", r.Units is null ? "*" : string.Join(',', r.Units.Order()));
        AppendRows(Line, "row", r.Rows);
        foreach (var q in r.DataQuality.OrderBy(q => q.Rule, StringComparer.Ordinal).ThenBy(q => q.DossierCode, StringComparer.Ordinal))
        {
            Line("dq", q.Rule, q.RuleCount, q.DossierCode, q.Reason);
        }

        Line("catalogue", r.Catalogue.FullOnline, r.Catalogue.PartialOnline, r.Catalogue.Total);
        Line("notes", r.ProcessNotes.ApologiesIssued, r.ProcessNotes.AwaitingSupplement);
        Line("feedback", r.Feedback.Received, r.Feedback.Handled, r.Feedback.HandledOnTime, r.Feedback.Pending);
        Line("tasks", r.PlanTasks.Due, r.PlanTasks.Completed, r.PlanTasks.CompletedOnTime);
        Line("previous", r.PreviousWindow.Start, string.Join(',', r.PreviousSources.Order()));
        AppendRows(Line, "prev", r.PreviousRows);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }

    private static void AppendRows(Action<object?[]> line, string tag, IReadOnlyList<TthcExtractRow> rows)
    {
        foreach (var x in rows.OrderBy(x => x.AgencyId).ThenBy(x => x.Level, StringComparer.Ordinal).ThenBy(x => x.FieldId))
        {
            line([tag, x.AgencyId, x.Level, x.FieldId, x.ReceivedOnline, x.ReceivedDirect, x.ReceivedPostal, x.CarriedOver,
                x.ResolvedEarly, x.ResolvedOnTime, x.ResolvedLate, x.InProgressWithinLimit, x.InProgressOverdue,
                x.Withdrawn, x.Stopped, x.Refused, x.ReceivedTotal, x.ResolvedTotal, x.InProgressTotal, x.EndedTotal,
                x.ResolvedHasFee, x.ResolvedPaidOnline, x.ResolvedDigitised]);
        }
    }

    private static string Canonical(object? value) => value switch
    {
        null => "",
        DateTimeOffset t => t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
