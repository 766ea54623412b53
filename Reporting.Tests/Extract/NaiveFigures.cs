using Reporting.Worker.Calendar;
using Reporting.Worker.Extract;

namespace Reporting.Tests.Extract;

/// <summary>
/// The second, deliberately naive path: the definitions of docs/FIGURES.md applied dossier by dossier in C# over the
/// raw rows the test generated, with no SQL and nothing shared with the product but the civil-date helper.
/// </summary>
public static class NaiveFigures
{
    public static string? Issue(TestDossier d, DateTimeOffset now)
    {
        if ((d.FinishedAt is { } f && f < d.ReceivedAt) || (d.EndedAt is { } e && e < d.ReceivedAt))
        {
            return DataQualityRules.ClosedBeforeReceived;
        }

        var ended = d.State is "withdrawn" or "stopped" or "refused";
        if ((d.State == "in_progress" && (d.FinishedAt is not null || d.EndedAt is not null))
            || (ended && d.FinishedAt is not null)
            || (d.State == "resolved" && d.EndedAt is not null))
        {
            return DataQualityRules.StateInconsistent;
        }

        if (d.DueAt is null)
        {
            return DataQualityRules.MissingDue;
        }

        if (CivilTime.DateOf(d.DueAt.Value) < CivilTime.DateOf(d.ReceivedAt))
        {
            return DataQualityRules.DueBeforeReceived;
        }

        if (d.ReceivedAt > now || d.ClosedAt > now)
        {
            return DataQualityRules.FutureTimestamp;
        }

        return null;
    }

    /// <summary>Figures per (agency, level, field) of the dossiers decided by <paramref name="units"/> (null: all).</summary>
    public static Dictionary<(int Agency, string Level, int Field), TthcExtractRow> Compute(
        SyntheticProvince p, ICollection<int>? units, DateTimeOffset s, DateTimeOffset e, DateTimeOffset now)
    {
        var procedures = p.Procedures.ToDictionary(x => x.Id);
        var eDate = CivilTime.DateOf(e);
        var result = new Dictionary<(int, string, int), TthcExtractRow>();
        foreach (var d in p.Dossiers)
        {
            if ((units is not null && !units.Contains(d.DecidingAgencyId)) || Issue(d, now) is not null)
            {
                continue;
            }

            var received = d.ReceivedAt;
            var closed = d.ClosedAt;
            var counts = received < e && (closed is null || closed >= s);
            if (!counts)
            {
                continue;
            }

            var r = new TthcExtractRow { ReceivedTotal = 1 };
            if (received < s)
            {
                r = r with { CarriedOver = 1 };
            }
            else if (d.Channel == 2)
            {
                r = r with { ReceivedOnline = 1 };
            }
            else if (d.Channel == 1)
            {
                r = r with { ReceivedDirect = 1 };
            }
            else
            {
                r = r with { ReceivedPostal = 1 };
            }

            var dueDay = CivilTime.DateOf(d.DueAt!.Value);
            if (d.FinishedAt is { } f && f >= s && f < e)
            {
                var day = CivilTime.DateOf(f);
                r = r with
                {
                    ResolvedTotal = 1,
                    ResolvedEarly = day < dueDay ? 1 : 0,
                    ResolvedOnTime = day == dueDay ? 1 : 0,
                    ResolvedLate = day > dueDay ? 1 : 0,
                    ResolvedHasFee = d.HasFee ? 1 : 0,
                    ResolvedPaidOnline = d.HasFee && d.PaidOnline ? 1 : 0,
                    ResolvedDigitised = d.Digitised ? 1 : 0,
                };
            }
            else if (d.FinishedAt is null && d.EndedAt is { } x && x >= s && x < e)
            {
                r = r with
                {
                    EndedTotal = 1,
                    Withdrawn = d.State == "withdrawn" ? 1 : 0,
                    Stopped = d.State == "stopped" ? 1 : 0,
                    Refused = d.State == "refused" ? 1 : 0,
                };
            }
            else
            {
                // Not closed in [s, e) and counted: still open at e.
                r = r with
                {
                    InProgressTotal = 1,
                    InProgressWithinLimit = dueDay >= eDate ? 1 : 0,
                    InProgressOverdue = dueDay < eDate ? 1 : 0,
                };
            }

            var procedure = procedures[d.ProcedureId];
            var key = (d.DecidingAgencyId, procedure.Level, procedure.FieldId);
            r = r with { AgencyId = d.DecidingAgencyId, Level = procedure.Level, FieldId = procedure.FieldId };
            result[key] = result.TryGetValue(key, out var sum) ? sum + r : r;
        }

        return result;
    }

    /// <summary>Data-quality counts per rule in the scope of data_quality.sql.</summary>
    public static Dictionary<string, long> DataQuality(SyntheticProvince p, ICollection<int>? units, DateTimeOffset s, DateTimeOffset e, DateTimeOffset now)
    {
        var counts = new Dictionary<string, long>();
        foreach (var d in p.Dossiers)
        {
            if (units is not null && !units.Contains(d.DecidingAgencyId))
            {
                continue;
            }

            var inScope = (d.ReceivedAt >= s && d.ReceivedAt < e)
                || (d.ReceivedAt < s && (d.ClosedAt is null || d.ClosedAt >= s))
                || (d.ReceivedAt >= s && d.ReceivedAt > now);
            if (inScope && Issue(d, now) is { } rule)
            {
                counts[rule] = counts.GetValueOrDefault(rule) + 1;
            }
        }

        return counts;
    }

    public static (long Received, long Handled, long OnTime, long Pending) Feedback(SyntheticProvince p, ICollection<int>? units, DateTimeOffset s, DateTimeOffset e)
    {
        var rows = p.Feedback.Where(f => units is null || units.Contains(f.AgencyId)).ToList();
        return (
            rows.Count(f => f.ReceivedAt >= s && f.ReceivedAt < e),
            rows.Count(f => f.HandledAt >= s && f.HandledAt < e),
            rows.Count(f => f.HandledAt >= s && f.HandledAt < e && f.HandledAt <= f.DueAt),
            rows.Count(f => f.ReceivedAt < e && (f.HandledAt is null || f.HandledAt >= e)));
    }

    public static (int Due, int Completed, int OnTime) PlanTasks(SyntheticProvince p, ICollection<int>? units, DateOnly first, DateOnly last)
    {
        var due = p.PlanTasks.Where(t => (units is null || units.Contains(t.AgencyId)) && t.DueOn >= first && t.DueOn <= last).ToList();
        return (due.Count, due.Count(t => t.CompletedOn <= last), due.Count(t => t.CompletedOn <= last && t.CompletedOn <= t.DueOn));
    }

    /// <summary>Apology slips in [s, e) and open-at-e dossiers whose last event before e is a supplement request.</summary>
    public static (long Apologies, long AwaitingSupplement) ProcessNotes(SyntheticProvince p, ICollection<int>? units, DateTimeOffset s, DateTimeOffset e, DateTimeOffset now)
    {
        var dossiers = p.Dossiers.Where(d => (units is null || units.Contains(d.DecidingAgencyId)) && Issue(d, now) is null)
            .ToDictionary(d => d.Code);
        var apologies = p.Events.Count(ev => ev.Kind == "apology_issued" && ev.OccurredAt >= s && ev.OccurredAt < e && dossiers.ContainsKey(ev.DossierCode));
        long awaiting = 0;
        foreach (var d in dossiers.Values.Where(d => d.ReceivedAt < e && (d.ClosedAt is null || d.ClosedAt >= e)))
        {
            // Ties on the instant go to the event recorded last, as in the SQL (occurred_at desc, id desc).
            var last = p.Events.Where(ev => ev.DossierCode == d.Code && ev.OccurredAt < e).OrderBy(ev => ev.OccurredAt).LastOrDefault();
            if (last?.Kind == "supplement_requested")
            {
                awaiting++;
            }
        }

        return (apologies, awaiting);
    }
}
