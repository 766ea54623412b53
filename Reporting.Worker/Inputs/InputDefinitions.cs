using Reporting.Templates.Model;

namespace Reporting.Worker.Inputs;

/// <summary>
/// The one definition of what units write themselves, per report kind: it drives the web form (as JSON), the
/// input workbook, validation, readiness and the model. Narrative codes are the outline numbers the templates
/// look up in <see cref="ReportModel.Sections"/> (domain.md §4.2; II.2.b–d are written by the template from dossier
/// data, II.2.a, the control and publication of procedures, by the unit). Indicators are the non-dossier rows of the appendix (domain.md §4.3, UNCONFIRMED as an official list).
/// Change a field's wording freely; never rename or reuse a code; bump <see cref="Version"/> on any change.
/// </summary>
public static class InputDefinitions
{
    /// <summary>Written into every workbook and the JSON; a workbook of another version is still read by code.</summary>
    public const string Version = "inputs-2026.2";

    public const int NarrativeMaxLength = 15_000;
    public const int ShortTextMaxLength = 200;

    private static readonly ReportKind[] Periodic = [ReportKind.Quarter, ReportKind.Half, ReportKind.NineMonths, ReportKind.Annual];
    private static readonly ReportKind[] AnnualOnly = [ReportKind.Annual];
    private static readonly ReportKind[] Never = [];

    private const string ChiDao = "Chỉ đạo, điều hành";
    private const string KetQua = "Kết quả thực hiện nhiệm vụ CCHC";
    private const string TheChe = "Cải cách thể chế";
    private const string Tthc = "Cải cách thủ tục hành chính";
    private const string BoMay = "Cải cách tổ chức bộ máy";
    private const string CongVu = "Cải cách chế độ công vụ";
    private const string TaiChinh = "Cải cách tài chính công";
    private const string ChinhQuyenSo = "Chính quyền điện tử, chính quyền số";

    /// <summary>Every field in outline order, then the indicators in appendix order.</summary>
    public static IReadOnlyList<InputField> All { get; } =
    [
        Narrative("I.1", "Kế hoạch cải cách hành chính", ChiDao, AnnualOnly,
            "Việc ban hành kế hoạch CCHC của đơn vị (số, ngày ban hành), số nhiệm vụ đề ra và kết quả thực hiện trong kỳ."),
        Narrative("I.2", "Tổ chức, chỉ đạo, điều hành", ChiDao, Periodic,
            "Các văn bản chỉ đạo, điều hành CCHC đã ban hành; hoạt động của Ban Chỉ đạo; các cuộc họp, hội nghị về CCHC."),
        Narrative("I.3", "Kiểm tra cải cách hành chính", ChiDao, AnnualOnly,
            "Số cơ quan, đơn vị được kiểm tra; các vấn đề phát hiện qua kiểm tra và kết quả xử lý."),
        Narrative("I.4", "Tuyên truyền cải cách hành chính", ChiDao, Never,
            "Hình thức, nội dung và kết quả tuyên truyền CCHC trong kỳ."),
        Narrative("I.5", "Sáng kiến, mô hình mới; khảo sát sự hài lòng", ChiDao, Never,
            "Sáng kiến, mô hình CCHC mới được áp dụng; kết quả khảo sát sự hài lòng của người dân, tổ chức (SIPAS)."),
        Narrative("II.1", "Cải cách thể chế", KetQua, Periodic,
            "Xây dựng, ban hành văn bản quy phạm pháp luật; kiểm tra, rà soát văn bản; tổ chức thi hành pháp luật."),
        // inputs-2026.2: the only part of the TTHC reform area the dossiers cannot tell; required like the other
        // reform areas (docs/INPUTS.md, "II.2.a").
        Narrative("II.2.a", "Kiểm soát, công bố, công khai TTHC; rà soát, đơn giản hóa TTHC", KetQua, Periodic,
            "Kiểm soát quy định TTHC trong dự thảo văn bản; số TTHC được công bố (mới, sửa đổi, bãi bỏ) và công khai tại Bộ phận Một cửa, trên Cổng Dịch vụ công; rà soát, đánh giá, đơn giản hóa TTHC và phương án cắt giảm."),
        Narrative("II.3", "Cải cách tổ chức bộ máy hành chính nhà nước", KetQua, Periodic,
            "Sắp xếp tổ chức bộ máy; kiện toàn chức năng, nhiệm vụ; số phòng, đơn vị trực thuộc tăng, giảm."),
        Narrative("II.4", "Cải cách chế độ công vụ", KetQua, Periodic,
            "Vị trí việc làm; biên chế; tuyển dụng, đào tạo, bồi dưỡng; kỷ luật, kỷ cương hành chính."),
        Narrative("II.5", "Cải cách tài chính công", KetQua, Periodic,
            "Giao quyền tự chủ tài chính; thực hiện cơ chế tự chủ của đơn vị sự nghiệp công lập; quản lý tài sản công."),
        Narrative("II.6", "Xây dựng và phát triển chính quyền điện tử, chính quyền số", KetQua, Periodic,
            "Ứng dụng công nghệ thông tin; văn bản điện tử, chữ ký số; kết nối, chia sẻ dữ liệu; chuyển đổi số."),
        Narrative("III", "Đánh giá chung", "Đánh giá chung", Periodic,
            "Ưu điểm; tồn tại, hạn chế; nguyên nhân của tồn tại, hạn chế."),
        Narrative("IV", "Phương hướng, nhiệm vụ kỳ tới", "Phương hướng, nhiệm vụ", Periodic,
            "Các nhiệm vụ, giải pháp trọng tâm về CCHC trong kỳ tới."),
        Narrative("V", "Đề xuất, kiến nghị", "Đề xuất, kiến nghị", Never,
            "Đề xuất, kiến nghị với cấp trên (nếu có)."),

        Indicator("CD_VAN_BAN_CHI_DAO", InputFieldType.Count, "Số văn bản chỉ đạo, điều hành CCHC ban hành", ChiDao, "văn bản", Periodic, false,
            "Kế hoạch, quyết định, chỉ thị, công văn chỉ đạo về CCHC do đơn vị ban hành trong kỳ."),
        Indicator("CD_KE_HOACH_SO_HIEU", InputFieldType.ShortText, "Số, ký hiệu kế hoạch CCHC năm", ChiDao, "", AnnualOnly, true,
            "Ví dụ: 139/KH-UBND."),
        Indicator("CD_KE_HOACH_NGAY", InputFieldType.Date, "Ngày ban hành kế hoạch CCHC năm", ChiDao, "", AnnualOnly, true,
            "Ngày ký ban hành kế hoạch CCHC năm của đơn vị."),
        Indicator("CD_DON_VI_DUOC_KIEM_TRA", InputFieldType.Count, "Số cơ quan, đơn vị được kiểm tra CCHC", ChiDao, "cơ quan, đơn vị", AnnualOnly, false,
            "Số cơ quan, đơn vị được kiểm tra công tác CCHC trong kỳ."),
        Indicator("CD_VAN_DE_PHAT_HIEN", InputFieldType.Count, "Số vấn đề phát hiện qua kiểm tra", ChiDao, "vấn đề", Never, false,
            "Số vấn đề, tồn tại phát hiện qua kiểm tra CCHC."),
        Indicator("CD_VAN_DE_DA_XU_LY", InputFieldType.Count, "Số vấn đề đã xử lý hoặc kiến nghị xử lý", ChiDao, "vấn đề", Never, false,
            "Trong số vấn đề phát hiện, số đã xử lý hoặc kiến nghị xử lý."),
        Indicator("TC_VB_QPPL_BAN_HANH", InputFieldType.Count, "Số văn bản QPPL ban hành hoặc tham mưu ban hành", TheChe, "văn bản", Periodic, false,
            "Văn bản quy phạm pháp luật do đơn vị ban hành hoặc tham mưu cấp có thẩm quyền ban hành trong kỳ."),
        Indicator("TC_VB_QPPL_RA_SOAT", InputFieldType.Count, "Số văn bản QPPL được kiểm tra, rà soát", TheChe, "văn bản", Never, false,
            "Số văn bản quy phạm pháp luật được kiểm tra, rà soát trong kỳ."),
        Indicator("TTHC_RA_SOAT_DON_GIAN_HOA", InputFieldType.Count, "Số TTHC được rà soát, đề xuất đơn giản hóa", Tthc, "thủ tục", Never, false,
            "Số thủ tục hành chính được rà soát, có phương án đơn giản hóa trong kỳ."),
        Indicator("BM_PHONG_DON_VI", InputFieldType.Count, "Số phòng, đơn vị trực thuộc", BoMay, "đơn vị", AnnualOnly, true,
            "Số phòng chuyên môn, đơn vị trực thuộc tại thời điểm báo cáo."),
        Indicator("BM_DON_VI_SU_NGHIEP", InputFieldType.Count, "Số đơn vị sự nghiệp công lập trực thuộc", BoMay, "đơn vị", Never, true,
            "Số đơn vị sự nghiệp công lập trực thuộc tại thời điểm báo cáo."),
        Indicator("CV_BIEN_CHE_GIAO", InputFieldType.Count, "Biên chế công chức được giao", CongVu, "người", AnnualOnly, true,
            "Tổng biên chế công chức được cấp có thẩm quyền giao trong năm."),
        Indicator("CV_BIEN_CHE_CO_MAT", InputFieldType.Count, "Số công chức có mặt", CongVu, "người", AnnualOnly, true,
            "Số công chức có mặt tại thời điểm báo cáo."),
        Indicator("CV_DAO_TAO_BOI_DUONG", InputFieldType.Count, "Số lượt cán bộ, công chức, viên chức được đào tạo, bồi dưỡng", CongVu, "lượt người", Never, false,
            "Tính theo lượt người tham gia các lớp đào tạo, bồi dưỡng trong kỳ."),
        Indicator("CV_KY_LUAT", InputFieldType.Count, "Số cán bộ, công chức, viên chức bị xử lý kỷ luật", CongVu, "người", Never, false,
            "Số người bị xử lý kỷ luật trong kỳ."),
        Indicator("TCC_DVSN_TU_CHU", InputFieldType.Count, "Số đơn vị sự nghiệp tự bảo đảm một phần trở lên chi thường xuyên", TaiChinh, "đơn vị", Never, true,
            "Số đơn vị sự nghiệp công lập được giao tự chủ từ mức tự bảo đảm một phần chi thường xuyên trở lên."),
        Indicator("CQS_VB_DIEN_TU", InputFieldType.Percentage, "Tỷ lệ văn bản đi, đến được gửi, nhận dưới dạng điện tử", ChinhQuyenSo, "%", Periodic, false,
            "Trên tổng số văn bản đi, đến trong kỳ (trừ văn bản mật)."),
        Indicator("CQS_VB_KY_SO", InputFieldType.Percentage, "Tỷ lệ văn bản đi được ký số", ChinhQuyenSo, "%", Never, false,
            "Trên tổng số văn bản đi trong kỳ (trừ văn bản mật)."),
        Indicator("CQS_HSCV_DIEN_TU", InputFieldType.Percentage, "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng", ChinhQuyenSo, "%", Never, false,
            "Trên tổng số hồ sơ công việc của đơn vị trong kỳ."),
    ];

    private static readonly Dictionary<string, InputField> ByCode = All.ToDictionary(f => f.Code, StringComparer.Ordinal);

    /// <summary>The fields of a report kind (every kind has every field; which are required differs).</summary>
    public static InputDefinition For(ReportKind kind) => new(kind, Version, All);

    public static InputField? Find(string code) => ByCode.GetValueOrDefault(code);

    private static InputField Narrative(string code, string label, string group, ReportKind[] required, string help) =>
        new(code, InputFieldType.Narrative, label, help, group, "", NarrativeMaxLength, required.ToHashSet(), CarryForward: true);

    private static InputField Indicator(string code, InputFieldType type, string label, string group, string unit, ReportKind[] required, bool carry, string help) =>
        new(code, type, label, help, group, unit, type == InputFieldType.ShortText ? ShortTextMaxLength : 0, required.ToHashSet(), carry);
}

/// <summary>The input fields of one report kind.</summary>
public sealed record InputDefinition(ReportKind Kind, string Version, IReadOnlyList<InputField> Fields)
{
    public IEnumerable<InputField> Narratives => Fields.Where(f => f.IsNarrative);

    public IEnumerable<InputField> Indicators => Fields.Where(f => !f.IsNarrative);

    public IEnumerable<InputField> Required => Fields.Where(f => f.IsRequired(Kind));

    public InputField? Find(string code) => Fields.FirstOrDefault(f => f.Code == code);
}
