namespace Reporting.Templates.Model;

/// <summary>
/// Online services, payment and digitisation (domain.md §4.3, Decision 766 blocks 3 and 4), and two process notes
/// beside the TTHC form: dossiers in progress at the window's end awaiting a supplement from the applicant, and
/// apology slips ("Phiếu xin lỗi và hẹn lại ngày trả kết quả") issued in the window.
/// </summary>
public sealed record ServiceFigures(
    int ProceduresFullOnline,
    int ProceduresPartialOnline,
    int ProceduresTotal,
    Rate OnlineShare,
    Rate OnlinePayment,
    Rate DigitisedResults,
    Rate Decision766OnTime,
    long AwaitingSupplement = 0,
    long ApologiesIssued = 0);

/// <summary>Feedback and petitions (phản ánh, kiến nghị) in the period.</summary>
public sealed record FeedbackFigures(long Received, long Handled, long HandledOnTime, long Pending)
{
    public Rate HandledRate => new(Handled, Received, "phản ánh, kiến nghị đã xử lý", "phản ánh, kiến nghị tiếp nhận");
}

/// <summary>CCHC plan tasks due in the period: 24/37 = 64,86%.</summary>
public sealed record PlanTaskFigures(int Due, int Completed, int CompletedOnTime)
{
    public Rate CompletionRate => new(Completed, Due, "nhiệm vụ đã hoàn thành", "nhiệm vụ đến hạn trong kỳ");
}
