using Reporting.Templates.Model;

namespace Reporting.Templates.Html;

/// <summary>Which figure paragraphs the template itself writes into an outline slot.</summary>
public enum SlotFigures
{
    None,
    PlanTasks,
    TthcResults,
    Feedback,
    OnlineServices,
    DigitalGovernment,
    Ranking,
}

/// <summary>
/// One slot of the official outline (domain.md §4.2). <see cref="Number"/> is the key a unit's narrative uses
/// (<see cref="NarrativeSection.Number"/>): "I.1", "II.2.b", "III"… docs/TEMPLATES.md lists them all.
/// </summary>
public sealed record OutlineSlot(string Number, string Label, string Heading, string Prompt, SlotFigures Figures, IReadOnlyList<OutlineSlot> Children);

/// <summary>The periodic CCHC report outline the template owns; the unit supplies the text of each slot.</summary>
public static class ReportOutline
{
    private static OutlineSlot Leaf(string number, string label, string heading, string prompt, SlotFigures figures = SlotFigures.None) =>
        new(number, label, heading, prompt, figures, []);

    public static IReadOnlyList<OutlineSlot> Periodic { get; } =
    [
        new("I", "I.", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", "", SlotFigures.None,
        [
            Leaf("I.1", "1.", "Kế hoạch cải cách hành chính", "văn bản ban hành kế hoạch CCHC trong kỳ", SlotFigures.PlanTasks),
            Leaf("I.2", "2.", "Tổ chức, chỉ đạo, điều hành", "văn bản chỉ đạo, hoạt động của Ban Chỉ đạo, các cuộc họp"),
            Leaf("I.3", "3.", "Kiểm tra cải cách hành chính", "số cơ quan được kiểm tra, vấn đề phát hiện, kết quả xử lý"),
            Leaf("I.4", "4.", "Tuyên truyền cải cách hành chính", "hình thức, số lượng tin bài, hội thi về CCHC"),
            Leaf("I.5", "5.", "Sáng kiến, mô hình mới; khảo sát sự hài lòng", "sáng kiến, mô hình mới; kết quả khảo sát SIPAS"),
        ]),
        new("II", "II.", "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH", "", SlotFigures.None,
        [
            Leaf("II.1", "1.", "Cải cách thể chế", "văn bản quy phạm pháp luật ban hành, rà soát, kiểm tra"),
            new("II.2", "2.", "Cải cách thủ tục hành chính", "", SlotFigures.None,
            [
                Leaf("II.2.a", "a)", "Kiểm soát, công bố, công khai thủ tục hành chính; rà soát, đơn giản hóa", "số TTHC được công bố, công khai, rà soát, đơn giản hóa"),
                Leaf("II.2.b", "b)", "Thực hiện cơ chế một cửa, một cửa liên thông; kết quả giải quyết hồ sơ", "nhận xét về kết quả giải quyết hồ sơ", SlotFigures.TthcResults),
                Leaf("II.2.c", "c)", "Tiếp nhận, xử lý phản ánh, kiến nghị", "nội dung chủ yếu của phản ánh, kiến nghị", SlotFigures.Feedback),
                Leaf("II.2.d", "d)", "Số hóa hồ sơ, kết quả; thanh toán trực tuyến; Bộ chỉ số phục vụ người dân, doanh nghiệp", "đánh giá về số hóa và thanh toán trực tuyến", SlotFigures.OnlineServices),
            ]),
            Leaf("II.3", "3.", "Cải cách tổ chức bộ máy hành chính nhà nước", "sắp xếp tổ chức bộ máy, tinh giản biên chế"),
            Leaf("II.4", "4.", "Cải cách chế độ công vụ", "tuyển dụng, đánh giá, đào tạo cán bộ, công chức; kỷ luật, kỷ cương"),
            Leaf("II.5", "5.", "Cải cách tài chính công", "giao quyền tự chủ, quản lý tài chính, tài sản công"),
            Leaf("II.6", "6.", "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số", "hạ tầng, nền tảng, ứng dụng công nghệ thông tin", SlotFigures.DigitalGovernment),
        ]),
        Leaf("III", "III.", "ĐÁNH GIÁ CHUNG", "ưu điểm; tồn tại, hạn chế; nguyên nhân"),
        Leaf("IV", "IV.", "PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", "nhiệm vụ trọng tâm kỳ tới"),
        Leaf("V", "V.", "ĐỀ XUẤT, KIẾN NGHỊ", "đề xuất, kiến nghị với cấp trên"),
    ];

    /// <summary>
    /// The ad hoc report: the requested figures first, then the unit's assessment and proposals.
    /// </summary>
    public static IReadOnlyList<OutlineSlot> Adhoc { get; } =
    [
        new("I", "I.", "KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "", SlotFigures.None,
        [
            Leaf("I.1", "1.", "Kết quả tiếp nhận, giải quyết hồ sơ", "nhận xét về kết quả giải quyết hồ sơ", SlotFigures.TthcResults),
            Leaf("I.2", "2.", "Tiếp nhận, xử lý phản ánh, kiến nghị", "nội dung chủ yếu của phản ánh, kiến nghị", SlotFigures.Feedback),
            Leaf("I.3", "3.", "Dịch vụ công trực tuyến, thanh toán trực tuyến, số hóa", "đánh giá về dịch vụ công trực tuyến", SlotFigures.OnlineServices),
        ]),
        Leaf("II", "II.", "ĐÁNH GIÁ CHUNG", "ưu điểm; tồn tại, hạn chế; nguyên nhân"),
        Leaf("III", "III.", "ĐỀ XUẤT, KIẾN NGHỊ", "đề xuất, kiến nghị"),
    ];

    public static IReadOnlyList<OutlineSlot> For(ReportModel model) => model.Period.Kind == ReportKind.Adhoc ? Adhoc : Periodic;

    /// <summary>Every slot number of an outline, depth first (docs and input templates key on these).</summary>
    public static IEnumerable<OutlineSlot> Flatten(IEnumerable<OutlineSlot> slots) =>
        slots.SelectMany(s => new[] { s }.Concat(Flatten(s.Children)));
}
