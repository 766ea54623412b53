namespace Reporting.Templates.Model;

/// <summary>
/// One row of the TTHC results form (Biểu II.06a/VPCP/KSTT, 13 columns, domain.md §2.2) plus the columns of
/// product decision 2 for dossiers that ended without a result, so that
/// received = resolved + in progress + ended without result always holds (<see cref="Balances"/>).
/// Column numbers of the official form are in brackets.
/// </summary>
public sealed record TthcFigures(
    long ReceivedOnline,        // [4] trực tuyến
    long ReceivedDirect,        // [5] trực tiếp (part)
    long ReceivedPostal,        // [5] dịch vụ bưu chính (part)
    long CarriedOver,           // [6] từ kỳ trước
    long ResolvedEarly,         // [8] trước hạn
    long ResolvedOnTime,        // [9] đúng hạn
    long ResolvedLate,          // [10] quá hạn
    long InProgressWithinLimit, // [12] trong hạn
    long InProgressOverdue,     // [13] quá hạn
    long Withdrawn,             // rút hồ sơ
    long Stopped,               // dừng giải quyết
    long Refused)               // từ chối, trả lại
{
    public static TthcFigures Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>[5] trực tiếp, dịch vụ bưu chính.</summary>
    public long ReceivedDirectOrPostal => ReceivedDirect + ReceivedPostal;

    /// <summary>New in the period: [4] + [5].</summary>
    public long ReceivedNew => ReceivedOnline + ReceivedDirectOrPostal;

    /// <summary>[3] = [4] + [5] + [6].</summary>
    public long ReceivedTotal => ReceivedNew + CarriedOver;

    /// <summary>[7] = [8] + [9] + [10].</summary>
    public long ResolvedTotal => ResolvedEarly + ResolvedOnTime + ResolvedLate;

    /// <summary>[11] = [12] + [13].</summary>
    public long InProgressTotal => InProgressWithinLimit + InProgressOverdue;

    public long EndedWithoutResult => Withdrawn + Stopped + Refused;

    /// <summary>Conservation: [3] = [7] + [11] + ended without result.</summary>
    public bool Balances => ReceivedTotal == ResolvedTotal + InProgressTotal + EndedWithoutResult;

    /// <summary>CCHC on-time rate: ([8] + [9]) / [7].</summary>
    public Rate CchcOnTimeRate => new(ResolvedEarly + ResolvedOnTime, ResolvedTotal,
        "hồ sơ giải quyết trước hạn và đúng hạn", "tổng số hồ sơ đã giải quyết");

    /// <summary>Online share of new dossiers: [4] / ([4] + [5]).</summary>
    public Rate OnlineShare => new(ReceivedOnline, ReceivedNew, "hồ sơ tiếp nhận trực tuyến", "tổng số hồ sơ tiếp nhận mới trong kỳ");

    public static TthcFigures operator +(TthcFigures a, TthcFigures b) => new(
        a.ReceivedOnline + b.ReceivedOnline, a.ReceivedDirect + b.ReceivedDirect, a.ReceivedPostal + b.ReceivedPostal,
        a.CarriedOver + b.CarriedOver, a.ResolvedEarly + b.ResolvedEarly, a.ResolvedOnTime + b.ResolvedOnTime,
        a.ResolvedLate + b.ResolvedLate, a.InProgressWithinLimit + b.InProgressWithinLimit,
        a.InProgressOverdue + b.InProgressOverdue, a.Withdrawn + b.Withdrawn, a.Stopped + b.Stopped, a.Refused + b.Refused);

    public static TthcFigures Sum(IEnumerable<TthcFigures> rows) => rows.Aggregate(Zero, (acc, r) => acc + r);
}
