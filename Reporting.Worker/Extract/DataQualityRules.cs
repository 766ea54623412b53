namespace Reporting.Worker.Extract;

/// <summary>
/// The data-quality rules (stable codes; sql/schema/0020 dossier_static_issue and sql/extracts/data_quality.sql).
/// A dossier matching one is excluded from every figure and listed in the annex. First match wins, in this order.
/// </summary>
public static class DataQualityRules
{
    public const string ClosedBeforeReceived = "DQ_CLOSED_BEFORE_RECEIVED";
    public const string StateInconsistent = "DQ_STATE_INCONSISTENT";
    public const string MissingDue = "DQ_MISSING_DUE";
    public const string DueBeforeReceived = "DQ_DUE_BEFORE_RECEIVED";
    public const string FutureTimestamp = "DQ_FUTURE_TIMESTAMP";

    public static IReadOnlyList<string> All { get; } = [ClosedBeforeReceived, StateInconsistent, MissingDue, DueBeforeReceived, FutureTimestamp];

    public static string Describe(string code) => code switch
    {
        ClosedBeforeReceived => "Hồ sơ có thời điểm giải quyết hoặc kết thúc trước thời điểm tiếp nhận",
        StateInconsistent => "Trạng thái hồ sơ mâu thuẫn với các thời điểm đã ghi",
        MissingDue => "Hồ sơ không có ngày hẹn trả kết quả",
        DueBeforeReceived => "Ngày hẹn trả kết quả trước ngày tiếp nhận",
        FutureTimestamp => "Hồ sơ có thời điểm tiếp nhận hoặc kết thúc sau thời điểm lấy số liệu",
        _ => code,
    };
}
