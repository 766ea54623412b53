using Reporting.Templates.Formatting;
using Reporting.Templates.Model;
using static Reporting.Templates.Formatting.VietnameseFormat;

namespace Reporting.Templates.Html;

/// <summary>
/// The paragraphs the template writes from the model's figures, phrased the way official reports state them
/// ("… đã tiếp nhận 44.292 hồ sơ (trực tuyến 26.234 hồ sơ, tăng 87,94% so với cùng kỳ) …"). Plain text: the
/// components encode it. Each rate is followed by the name of its denominator (<see cref="RateNotes"/>).
/// </summary>
public static class FigureText
{
    public static TthcFigures Totals(ReportModel m) => (m.TthcByUnit ?? m.TthcByField).Total;

    private static string Subject(ReportModel m) => m.IsConsolidated ? "các cơ quan, đơn vị trên địa bàn tỉnh" : m.Unit.Name;

    private static string VsLastYear(ReportModel m, Func<TthcFigures, long> pick)
    {
        if (m.LastYear is null)
        {
            return "";
        }

        var change = Change(pick(Totals(m)), pick(m.LastYear.Previous));
        return change is null ? "" : $", {change} so với cùng kỳ";
    }

    public static IReadOnlyList<string> For(SlotFigures figures, ReportModel m) => figures switch
    {
        SlotFigures.PlanTasks => [PlanTasks(m)],
        SlotFigures.TthcResults => TthcResults(m),
        SlotFigures.Feedback => [Feedback(m)],
        SlotFigures.OnlineServices => [OnlineServices(m)],
        SlotFigures.DigitalGovernment => [DigitalGovernment(m)],
        _ => [],
    };

    public static string PlanTasks(ReportModel m)
    {
        var p = m.PlanTasks;
        return Nfc($"Trong kỳ báo cáo có {Number(p.Due)} nhiệm vụ cải cách hành chính đến hạn; đã hoàn thành {Number(p.Completed)}/{Number(p.Due)} nhiệm vụ, đạt tỷ lệ {Rate(p.CompletionRate)} (trong đó hoàn thành đúng hạn {Number(p.CompletedOnTime)} nhiệm vụ).");
    }

    public static IReadOnlyList<string> TthcResults(ReportModel m)
    {
        var t = Totals(m);
        var lines = new List<string>
        {
            Nfc($"Trong kỳ báo cáo, {Subject(m)} đã tiếp nhận {Number(t.ReceivedTotal)} hồ sơ{VsLastYear(m, f => f.ReceivedTotal)} (trực tuyến {Number(t.ReceivedOnline)} hồ sơ{VsLastYear(m, f => f.ReceivedOnline)}; trực tiếp, dịch vụ bưu chính {Number(t.ReceivedDirectOrPostal)} hồ sơ; từ kỳ trước chuyển sang {Number(t.CarriedOver)} hồ sơ)."),
            Nfc($"Đã giải quyết {Number(t.ResolvedTotal)} hồ sơ (trước hạn {Number(t.ResolvedEarly)} hồ sơ, đúng hạn {Number(t.ResolvedOnTime)} hồ sơ, quá hạn {Number(t.ResolvedLate)} hồ sơ); tỷ lệ giải quyết trước hạn và đúng hạn đạt {Rate(t.CchcOnTimeRate)}. Đang giải quyết {Number(t.InProgressTotal)} hồ sơ (trong hạn {Number(t.InProgressWithinLimit)} hồ sơ, quá hạn {Number(t.InProgressOverdue)} hồ sơ). Kết thúc không có kết quả {Number(t.EndedWithoutResult)} hồ sơ (rút hồ sơ {Number(t.Withdrawn)}, dừng giải quyết {Number(t.Stopped)}, từ chối, trả lại {Number(t.Refused)})."),
        };
        if (m.LastYear is { } ly)
        {
            var prev = ly.Previous;
            lines.Add(Nfc($"Cùng kỳ năm trước (từ ngày {ShortDate(ly.PreviousFrom)} đến ngày {ShortDate(ly.PreviousTo)}): tiếp nhận {Number(prev.ReceivedTotal)} hồ sơ, đã giải quyết {Number(prev.ResolvedTotal)} hồ sơ, tỷ lệ giải quyết trước hạn và đúng hạn {Rate(prev.CchcOnTimeRate)}." + (ly.PredecessorNote is { Length: > 0 } note ? $" {note}" : "")));
        }

        if (m.MostOverdueFields.Count > 0)
        {
            var fields = string.Join("; ", m.MostOverdueFields.Select(f => $"{f.FieldName} ({Number(f.ResolvedLate)} hồ sơ giải quyết quá hạn, {Number(f.InProgressOverdue)} hồ sơ đang quá hạn)"));
            lines.Add(Nfc($"Các lĩnh vực còn nhiều hồ sơ quá hạn: {fields}."));
        }

        return lines;
    }

    public static string Feedback(ReportModel m)
    {
        var f = m.Feedback;
        return Nfc($"Tiếp nhận {Number(f.Received)} phản ánh, kiến nghị; đã xử lý {Number(f.Handled)} phản ánh, kiến nghị, đạt tỷ lệ {Rate(f.HandledRate)} (xử lý đúng hạn {Number(f.HandledOnTime)}); đang xử lý {Number(f.Pending)} phản ánh, kiến nghị.");
    }

    public static string OnlineServices(ReportModel m)
    {
        var s = m.Services;
        return Nfc($"Tổng số {Number(s.ProceduresTotal)} thủ tục hành chính, trong đó {Number(s.ProceduresFullOnline)} dịch vụ công trực tuyến toàn trình và {Number(s.ProceduresPartialOnline)} dịch vụ công trực tuyến một phần. Tỷ lệ hồ sơ tiếp nhận trực tuyến đạt {Rate(s.OnlineShare)}; tỷ lệ thanh toán trực tuyến đạt {Rate(s.OnlinePayment)}; tỷ lệ số hóa kết quả giải quyết đạt {Rate(s.DigitisedResults)}; tỷ lệ giải quyết đúng hạn theo Bộ chỉ số Quyết định 766/QĐ-TTg đạt {Rate(s.Decision766OnTime)}.");
    }

    public static string DigitalGovernment(ReportModel m) =>
        Nfc($"Tỷ lệ hồ sơ tiếp nhận trực tuyến trên tổng số hồ sơ tiếp nhận mới trong kỳ đạt {Rate(Totals(m).OnlineShare)} ({Number(Totals(m).ReceivedOnline)}/{Number(Totals(m).ReceivedNew)} hồ sơ).");

    /// <summary>Which rates a slot prints, so the note under it can name each denominator.</summary>
    public static IReadOnlyList<(string Name, Rate Rate)> RateNotes(SlotFigures figures, ReportModel m) => figures switch
    {
        SlotFigures.PlanTasks => [("Tỷ lệ hoàn thành", m.PlanTasks.CompletionRate)],
        SlotFigures.TthcResults => [("Tỷ lệ giải quyết trước hạn và đúng hạn", Totals(m).CchcOnTimeRate)],
        SlotFigures.Feedback => [("Tỷ lệ xử lý", m.Feedback.HandledRate)],
        SlotFigures.OnlineServices =>
        [
            ("Tỷ lệ hồ sơ tiếp nhận trực tuyến", m.Services.OnlineShare),
            ("Tỷ lệ thanh toán trực tuyến", m.Services.OnlinePayment),
            ("Tỷ lệ số hóa kết quả", m.Services.DigitisedResults),
            ("Tỷ lệ đúng hạn theo Quyết định 766/QĐ-TTg", m.Services.Decision766OnTime),
        ],
        SlotFigures.DigitalGovernment => [("Tỷ lệ hồ sơ tiếp nhận trực tuyến", Totals(m).OnlineShare)],
        _ => [],
    };

    /// <summary>"Tỷ lệ … = số hồ sơ … / tổng số …".</summary>
    public static string RateNote(string name, Rate rate) => Nfc($"{name} = số {rate.NumeratorLabel} / {rate.DenominatorLabel}.");

    /// <summary>The trích yếu's period words: "năm 2026", "quý III năm 2026".</summary>
    public static string PeriodWords(ReportPeriod p) => p.Label;
}
