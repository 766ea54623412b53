namespace Reporting.Worker.Seed;

/// <summary>One generated dossier; instants are UTC ticks, 0 for null.</summary>
public struct DossierRow
{
    public string Code;
    public int ProcedureId;
    public int ReceivingId;
    public int DecidingId;
    public short Channel;
    public long Received;
    public long Due;
    public long Finished;
    public long Returned;
    public long Ended;
    public byte State;
    public bool HasFee;
    public bool PaidOnline;
    public bool ResultDigitised;
    public bool ReusedDigitised;
    public short Rating;
    public long Updated;
}

/// <summary>One generated dossier event; <see cref="Dossier"/> is the dossier's ordinal in the seed run.</summary>
public struct EventRow
{
    public long Dossier;
    public byte Kind;
    public long At;
    public long NewDue;
}

/// <summary>A batch handed from the generating thread to the COPY thread.</summary>
public sealed class DossierChunk(int capacity)
{
    public DossierRow[] Rows { get; } = new DossierRow[capacity];

    public int Count { get; set; }

    public List<EventRow> Events { get; } = new(capacity / 3);
}

public static class DossierStates
{
    public static readonly string[] Names = ["in_progress", "resolved", "withdrawn", "stopped", "refused"];
    public const byte InProgress = 0, Resolved = 1, Withdrawn = 2, Stopped = 3, Refused = 4;
}

public static class EventKinds
{
    public static readonly string[] Names = ["supplement_requested", "supplement_completed", "apology_issued", "refused", "stopped", "withdrawn"];
    public const byte SupplementRequested = 0, SupplementCompleted = 1, Apology = 2, Refused = 3, Stopped = 4, Withdrawn = 5;
}
