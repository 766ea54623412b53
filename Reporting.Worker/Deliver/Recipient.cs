namespace Reporting.Worker.Deliver;

public enum DeliveryChannel
{
    Email,
    FileDrop,
}

/// <summary>Why a recipient gets the report: the superior it is sent up to, the issuer's own copy, an extra
/// recipient configured in the database, or the document-management system's drop directory.</summary>
public enum RecipientRole
{
    Superior,
    OwnCopy,
    Extra,
    FileDrop,
}

/// <summary>
/// One recipient of a report. <see cref="Address"/> is a mailbox (lower case) or a directory (full path);
/// <see cref="Label"/> is its line in "Nơi nhận" ("Sở Nội vụ"), null when it is not printed there.
/// </summary>
public sealed record Recipient(DeliveryChannel Channel, string Address, string? Label, RecipientRole Role, int SortOrder)
{
    public static string ChannelName(DeliveryChannel channel) => channel == DeliveryChannel.Email ? "email" : "file_drop";

    public static DeliveryChannel ParseChannel(string name) => name == "email" ? DeliveryChannel.Email : DeliveryChannel.FileDrop;

    public static string RoleName(RecipientRole role) => role switch
    {
        RecipientRole.Superior => "superior",
        RecipientRole.OwnCopy => "own_copy",
        RecipientRole.Extra => "extra",
        _ => "file_drop",
    };

    public static string Normalise(DeliveryChannel channel, string address) => channel == DeliveryChannel.Email
        ? address.Trim().ToLowerInvariant()
        : Path.GetFullPath(address.Trim());
}
