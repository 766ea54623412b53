using Reporting.Templates.Model;

namespace Reporting.Worker.Extract;

/// <summary>
/// One row of the TTHC extracts (tthc_live.sql, tthc_rollup.sql): a deciding agency x procedure level x field, its
/// thirteen-column figures plus the ended-without-result columns, the totals as the SQL counted them (for the
/// consistency checks) and the service counters of the dossiers resolved in the window.
/// </summary>
public sealed record TthcExtractRow
{
    public int AgencyId { get; init; }

    public string Level { get; init; } = "";

    public int FieldId { get; init; }

    public long ReceivedOnline { get; init; }

    public long ReceivedDirect { get; init; }

    public long ReceivedPostal { get; init; }

    public long CarriedOver { get; init; }

    public long ResolvedEarly { get; init; }

    public long ResolvedOnTime { get; init; }

    public long ResolvedLate { get; init; }

    public long InProgressWithinLimit { get; init; }

    public long InProgressOverdue { get; init; }

    public long Withdrawn { get; init; }

    public long Stopped { get; init; }

    public long Refused { get; init; }

    public long ReceivedTotal { get; init; }

    public long ResolvedTotal { get; init; }

    public long InProgressTotal { get; init; }

    public long EndedTotal { get; init; }

    public long ResolvedHasFee { get; init; }

    public long ResolvedPaidOnline { get; init; }

    public long ResolvedDigitised { get; init; }

    public TthcFigures Figures => new(ReceivedOnline, ReceivedDirect, ReceivedPostal, CarriedOver, ResolvedEarly,
        ResolvedOnTime, ResolvedLate, InProgressWithinLimit, InProgressOverdue, Withdrawn, Stopped, Refused);

    /// <summary>Adds two rows field by field (the key of the left one is kept).</summary>
    public static TthcExtractRow operator +(TthcExtractRow a, TthcExtractRow b) => a with
    {
        ReceivedOnline = a.ReceivedOnline + b.ReceivedOnline,
        ReceivedDirect = a.ReceivedDirect + b.ReceivedDirect,
        ReceivedPostal = a.ReceivedPostal + b.ReceivedPostal,
        CarriedOver = a.CarriedOver + b.CarriedOver,
        ResolvedEarly = a.ResolvedEarly + b.ResolvedEarly,
        ResolvedOnTime = a.ResolvedOnTime + b.ResolvedOnTime,
        ResolvedLate = a.ResolvedLate + b.ResolvedLate,
        InProgressWithinLimit = a.InProgressWithinLimit + b.InProgressWithinLimit,
        InProgressOverdue = a.InProgressOverdue + b.InProgressOverdue,
        Withdrawn = a.Withdrawn + b.Withdrawn,
        Stopped = a.Stopped + b.Stopped,
        Refused = a.Refused + b.Refused,
        ReceivedTotal = a.ReceivedTotal + b.ReceivedTotal,
        ResolvedTotal = a.ResolvedTotal + b.ResolvedTotal,
        InProgressTotal = a.InProgressTotal + b.InProgressTotal,
        EndedTotal = a.EndedTotal + b.EndedTotal,
        ResolvedHasFee = a.ResolvedHasFee + b.ResolvedHasFee,
        ResolvedPaidOnline = a.ResolvedPaidOnline + b.ResolvedPaidOnline,
        ResolvedDigitised = a.ResolvedDigitised + b.ResolvedDigitised,
    };
}

/// <summary>A dossier listed in the data-quality annex, with its rule's full count in scope.</summary>
public sealed record DataQualityExtractRow
{
    public string Rule { get; init; } = "";

    public long RuleCount { get; init; }

    public string DossierCode { get; init; } = "";

    public string Reason { get; init; } = "";
}

public sealed record ServiceCatalogueCounts
{
    public int FullOnline { get; init; }

    public int PartialOnline { get; init; }

    public int Total { get; init; }
}

public sealed record ProcessNoteCounts
{
    public long ApologiesIssued { get; init; }

    public long AwaitingSupplement { get; init; }
}

public sealed record FeedbackCounts
{
    public long Received { get; init; }

    public long Handled { get; init; }

    public long HandledOnTime { get; init; }

    public long Pending { get; init; }
}

public sealed record PlanTaskCounts
{
    public int Due { get; init; }

    public int Completed { get; init; }

    public int CompletedOnTime { get; init; }
}
