namespace Reporting.Worker.Seed;

/// <summary>
/// A field (lĩnh vực) of the synthetic catalogue: who decides it at province level before and after the reform,
/// how many procedures it has per level, how busy and how late it is, and typical time limits (working days).
/// </summary>
public sealed record SeedField(
    string Code, string Name, string Before, string After, int Province, int District, int Commune,
    double Volume, double Lateness, int[] Limits, string[] Names);

public sealed record SeedProcedure(
    string Code, string Name, SeedField Field, string Level, string OnlineService, decimal TimeLimit, string TimeUnit,
    bool HasFee, bool PaperResult, double Weight, bool DistrictToCommune);

/// <summary>
/// ~1,500 procedures over 47 fields, fixed (independent of the seed): codes look like the national database's
/// ("1.004227" province, "2.00xxxx" district, "3.00xxxx" commune) and never change between runs.
/// </summary>
public sealed class ProcedureCatalogue
{
    public static readonly SeedField[] Fields =
    [
        new("DD", "Đất đai", "STNMT", "SNNMT", 40, 25, 8, 16, 0.20, [10, 15, 20, 30], ["Đăng ký biến động quyền sử dụng đất", "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu", "Chuyển mục đích sử dụng đất", "Đăng ký thế chấp quyền sử dụng đất", "Tách thửa, hợp thửa đất", "Gia hạn sử dụng đất", "Cung cấp thông tin đất đai", "Giao đất, cho thuê đất"]),
        new("HT", "Hộ tịch", "STP", "STP", 6, 18, 22, 18, 0.02, [1, 3, 5], ["Đăng ký khai sinh", "Đăng ký kết hôn", "Đăng ký khai tử", "Cấp bản sao trích lục hộ tịch", "Thay đổi, cải chính hộ tịch", "Đăng ký nhận cha, mẹ, con", "Cấp Giấy xác nhận tình trạng hôn nhân", "Đăng ký giám hộ"]),
        new("CT", "Chứng thực", "STP", "STP", 4, 8, 8, 14, 0.01, [1, 2], ["Chứng thực bản sao từ bản chính", "Chứng thực chữ ký", "Chứng thực hợp đồng, giao dịch", "Chứng thực việc sửa đổi hợp đồng"]),
        new("LLTP", "Lý lịch tư pháp", "STP", "STP", 6, 0, 0, 3, 0.04, [10, 15], ["Cấp Phiếu lý lịch tư pháp", "Cấp Phiếu lý lịch tư pháp cho cơ quan tiến hành tố tụng"]),
        new("TGPL", "Trợ giúp pháp lý", "STP", "STP", 12, 0, 2, 0.3, 0.02, [3, 5], ["Yêu cầu trợ giúp pháp lý", "Thay đổi người thực hiện trợ giúp pháp lý", "Đăng ký tham gia trợ giúp pháp lý"]),
        new("CC", "Công chứng", "STP", "STP", 20, 0, 0, 0.4, 0.03, [10, 20], ["Thành lập Văn phòng công chứng", "Đăng ký hoạt động Văn phòng công chứng", "Đăng ký hành nghề công chứng viên"]),
        new("LS", "Luật sư", "STP", "STP", 14, 0, 0, 0.2, 0.03, [7, 10], ["Đăng ký hoạt động của tổ chức hành nghề luật sư", "Thay đổi nội dung đăng ký hoạt động"]),
        new("DTVN", "Đầu tư tại Việt Nam", "SKHDT", "STC", 45, 0, 0, 0.8, 0.08, [15, 25, 35], ["Chấp thuận chủ trương đầu tư", "Cấp Giấy chứng nhận đăng ký đầu tư", "Điều chỉnh dự án đầu tư", "Chuyển nhượng dự án đầu tư", "Giãn tiến độ đầu tư"]),
        new("DKKD", "Thành lập và hoạt động doanh nghiệp", "SKHDT", "STC", 70, 0, 0, 4, 0.03, [3, 5], ["Đăng ký thành lập doanh nghiệp", "Đăng ký thay đổi nội dung đăng ký doanh nghiệp", "Thông báo tạm ngừng kinh doanh", "Giải thể doanh nghiệp", "Đăng ký hoạt động chi nhánh"]),
        new("HKD", "Hộ kinh doanh và hợp tác xã", "SKHDT", "STC", 25, 20, 0, 2.5, 0.03, [3, 5], ["Đăng ký thành lập hộ kinh doanh", "Đăng ký thay đổi hộ kinh doanh", "Đăng ký thành lập hợp tác xã", "Tạm ngừng hoạt động hợp tác xã"]),
        new("XD", "Hoạt động xây dựng", "SXD", "SXD", 50, 15, 0, 2.5, 0.12, [15, 20, 30], ["Cấp giấy phép xây dựng", "Thẩm định báo cáo nghiên cứu khả thi", "Cấp chứng chỉ hành nghề hoạt động xây dựng", "Điều chỉnh giấy phép xây dựng", "Gia hạn giấy phép xây dựng"]),
        new("QHKT", "Quy hoạch kiến trúc", "SXD", "SXD", 15, 8, 0, 0.4, 0.10, [15, 20], ["Cung cấp thông tin quy hoạch", "Thẩm định nhiệm vụ quy hoạch chi tiết", "Cấp giấy phép quy hoạch"]),
        new("NO", "Nhà ở và công sở", "SXD", "SXD", 25, 6, 0, 0.6, 0.10, [15, 30], ["Công nhận chủ đầu tư dự án nhà ở", "Bán nhà ở thuộc sở hữu nhà nước", "Thuê nhà ở xã hội", "Cấp chứng chỉ hành nghề môi giới bất động sản"]),
        new("DB", "Đường bộ", "SGTVT", "SXD", 60, 6, 0, 3, 0.04, [3, 5, 7], ["Cấp Giấy phép lái xe", "Đổi Giấy phép lái xe", "Cấp phù hiệu xe kinh doanh vận tải", "Cấp giấy phép kinh doanh vận tải bằng xe ô tô", "Cấp giấy phép thi công công trình đường bộ"]),
        new("DTND", "Đường thủy nội địa", "SGTVT", "SXD", 30, 6, 0, 0.6, 0.04, [3, 5, 10], ["Đăng ký phương tiện thủy nội địa", "Cấp giấy chứng nhận khả năng chuyên môn", "Công bố hoạt động bến thủy nội địa"]),
        new("LD", "Lao động, tiền lương", "SLDTBXH", "SNV", 35, 4, 0, 1.2, 0.03, [5, 7, 10], ["Cấp giấy phép lao động cho người nước ngoài", "Đăng ký nội quy lao động", "Gia hạn giấy phép lao động", "Cấp giấy phép cho thuê lại lao động"]),
        new("VL", "Việc làm", "SLDTBXH", "SNV", 18, 0, 0, 2, 0.02, [3, 5, 20], ["Giải quyết hưởng trợ cấp thất nghiệp", "Tạm dừng hưởng trợ cấp thất nghiệp", "Chuyển nơi hưởng trợ cấp thất nghiệp"]),
        new("NCC", "Người có công", "SLDTBXH", "SNV", 45, 10, 8, 1.5, 0.06, [12, 20], ["Giải quyết chế độ người có công", "Cấp giấy chứng nhận thân nhân liệt sĩ", "Di chuyển hồ sơ người có công", "Hỗ trợ cải thiện nhà ở người có công"]),
        new("BTXH", "Bảo trợ xã hội", "SLDTBXH", "SYT", 20, 14, 10, 3, 0.04, [7, 10], ["Trợ cấp xã hội hằng tháng", "Hỗ trợ chi phí mai táng", "Tiếp nhận đối tượng vào cơ sở trợ giúp xã hội", "Xác định mức độ khuyết tật"]),
        new("GDNN", "Giáo dục nghề nghiệp", "SLDTBXH", "SGDDT", 30, 0, 0, 0.4, 0.03, [10, 15], ["Cấp giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp", "Thành lập trung tâm giáo dục nghề nghiệp"]),
        new("CCVC", "Công chức, viên chức", "SNV", "SNV", 25, 6, 2, 0.5, 0.03, [10, 15], ["Thi tuyển công chức", "Tiếp nhận vào làm công chức", "Xét chuyển cán bộ, công chức cấp xã", "Thăng hạng viên chức"]),
        new("TDKT", "Thi đua, khen thưởng", "SNV", "SNV", 20, 10, 6, 0.8, 0.05, [10, 20], ["Tặng Bằng khen của Chủ tịch UBND tỉnh", "Tặng Cờ thi đua", "Tặng danh hiệu Chiến sĩ thi đua", "Khen thưởng đột xuất"]),
        new("TG", "Tôn giáo", "SNV", "SDTTG", 25, 6, 4, 0.3, 0.03, [15, 30], ["Đăng ký sinh hoạt tôn giáo tập trung", "Thông báo tổ chức lễ hội tín ngưỡng", "Đề nghị tổ chức cuộc lễ ngoài cơ sở tôn giáo"]),
        new("VTLT", "Văn thư, lưu trữ", "SNV", "SNV", 6, 0, 0, 0.2, 0.02, [5, 10], ["Cấp bản sao và chứng thực lưu trữ", "Cấp chứng chỉ hành nghề lưu trữ"]),
        new("BCVT", "Bưu chính", "STTTT", "SKHCN", 8, 0, 0, 0.15, 0.02, [10, 15], ["Cấp giấy phép bưu chính", "Sửa đổi giấy phép bưu chính"]),
        new("XB", "Xuất bản, in và phát hành", "STTTT", "SVHTTDL", 16, 0, 0, 0.2, 0.02, [5, 10], ["Cấp giấy phép hoạt động in", "Đăng ký hoạt động cơ sở in", "Cấp giấy phép xuất bản tài liệu không kinh doanh"]),
        new("KHCN", "Hoạt động khoa học và công nghệ", "SKHCN", "SKHCN", 25, 0, 0, 0.2, 0.05, [10, 15], ["Đăng ký hoạt động khoa học và công nghệ", "Cấp giấy chứng nhận doanh nghiệp khoa học và công nghệ", "Đăng ký kết quả nhiệm vụ khoa học"]),
        new("TDC", "Tiêu chuẩn, đo lường, chất lượng", "SKHCN", "SKHCN", 20, 0, 0, 0.3, 0.03, [5, 10], ["Đăng ký công bố hợp quy", "Chứng nhận chuẩn đo lường", "Kiểm tra nhà nước về chất lượng hàng hóa nhập khẩu"]),
        new("MT", "Môi trường", "STNMT", "SNNMT", 35, 10, 2, 0.8, 0.07, [15, 20, 30], ["Cấp giấy phép môi trường", "Thẩm định báo cáo đánh giá tác động môi trường", "Đăng ký môi trường", "Điều chỉnh giấy phép môi trường"]),
        new("TNN", "Tài nguyên nước", "STNMT", "SNNMT", 25, 0, 0, 0.2, 0.06, [15, 30], ["Cấp giấy phép khai thác nước dưới đất", "Cấp giấy phép xả nước thải vào nguồn nước", "Gia hạn giấy phép tài nguyên nước"]),
        new("TS", "Thủy sản", "SNNPTNT", "SNNMT", 40, 4, 0, 1.5, 0.04, [3, 5, 10], ["Cấp giấy phép khai thác thủy sản", "Đăng ký tàu cá", "Cấp văn bản chấp thuận đóng mới tàu cá", "Xác nhận nguồn gốc thủy sản khai thác"]),
        new("TT", "Trồng trọt và bảo vệ thực vật", "SNNPTNT", "SNNMT", 25, 4, 0, 0.4, 0.03, [5, 10], ["Cấp giấy chứng nhận đủ điều kiện buôn bán phân bón", "Cấp giấy chứng nhận kiểm dịch thực vật", "Cấp giấy phép vận chuyển thuốc bảo vệ thực vật"]),
        new("TY", "Thú y và chăn nuôi", "SNNPTNT", "SNNMT", 25, 2, 0, 0.5, 0.03, [3, 5], ["Cấp giấy chứng nhận kiểm dịch động vật", "Cấp giấy chứng nhận cơ sở an toàn dịch bệnh", "Cấp chứng chỉ hành nghề thú y"]),
        new("LN", "Lâm nghiệp", "SNNPTNT", "SNNMT", 20, 4, 2, 0.2, 0.05, [10, 15], ["Phê duyệt phương án khai thác lâm sản", "Chuyển mục đích sử dụng rừng", "Đăng ký mã số cơ sở nuôi động vật rừng"]),
        new("TM", "Thương mại, xúc tiến thương mại", "SCT", "SCT", 45, 6, 0, 0.8, 0.03, [5, 7, 10], ["Cấp giấy phép kinh doanh rượu", "Cấp giấy phép bán lẻ sản phẩm thuốc lá", "Đăng ký thực hiện khuyến mại", "Cấp giấy chứng nhận đủ điều kiện kinh doanh xăng dầu"]),
        new("ATTP", "An toàn thực phẩm", "SCT", "SCT", 15, 6, 0, 0.6, 0.04, [10, 15], ["Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "Cấp lại giấy chứng nhận an toàn thực phẩm"]),
        new("DLUC", "Điện lực", "SCT", "SCT", 15, 0, 0, 0.3, 0.03, [10, 15], ["Cấp giấy phép hoạt động điện lực", "Cấp thẻ kiểm tra viên điện lực"]),
        new("KCB", "Khám bệnh, chữa bệnh", "SYT", "SYT", 45, 0, 0, 1.2, 0.05, [15, 30], ["Cấp giấy phép hành nghề khám bệnh, chữa bệnh", "Cấp giấy phép hoạt động phòng khám", "Điều chỉnh phạm vi hoạt động chuyên môn"]),
        new("DUOC", "Dược, mỹ phẩm", "SYT", "SYT", 40, 0, 0, 0.8, 0.05, [10, 20], ["Cấp chứng chỉ hành nghề dược", "Cấp giấy chứng nhận đủ điều kiện kinh doanh dược", "Công bố cơ sở đủ điều kiện sản xuất mỹ phẩm"]),
        new("GDDT", "Giáo dục và đào tạo", "SGDDT", "SGDDT", 40, 14, 6, 1.5, 0.02, [5, 10, 20], ["Cấp bản sao văn bằng, chứng chỉ", "Chỉnh sửa nội dung văn bằng", "Cho phép thành lập trường mầm non tư thục", "Chuyển trường đối với học sinh trung học", "Xét, cấp học bổng chính sách"]),
        new("VH", "Văn hóa", "SVHTT", "SVHTTDL", 35, 10, 4, 0.5, 0.03, [5, 7, 10], ["Cấp giấy phép tổ chức biểu diễn nghệ thuật", "Cấp giấy phép kinh doanh karaoke", "Công nhận gia đình văn hóa", "Đăng ký tổ chức lễ hội"]),
        new("TDTT", "Thể dục, thể thao", "SVHTT", "SVHTTDL", 20, 0, 0, 0.2, 0.03, [5, 7], ["Cấp giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao", "Đăng cai giải thi đấu thể thao"]),
        new("DLICH", "Du lịch", "SDL", "SVHTTDL", 25, 0, 0, 0.4, 0.03, [5, 10], ["Cấp giấy phép kinh doanh dịch vụ lữ hành nội địa", "Cấp thẻ hướng dẫn viên du lịch", "Công nhận hạng cơ sở lưu trú du lịch"]),
        new("TCNS", "Tài chính, ngân sách, công sản", "STC", "STC", 35, 12, 2, 0.6, 0.04, [10, 15, 20], ["Thẩm định quyết toán dự án hoàn thành", "Đăng ký mã số đơn vị có quan hệ với ngân sách", "Xác lập quyền sở hữu toàn dân về tài sản", "Mua sắm tài sản công"]),
        new("KNTC", "Khiếu nại, tố cáo, tiếp công dân", "TTR", "TTR", 8, 6, 4, 0.5, 0.09, [30, 45], ["Giải quyết khiếu nại lần đầu", "Giải quyết khiếu nại lần hai", "Giải quyết tố cáo", "Tiếp công dân"]),
        new("DTOC", "Công tác dân tộc", "BDT", "SDTTG", 8, 4, 2, 0.15, 0.03, [10, 15], ["Công nhận người có uy tín trong đồng bào dân tộc thiểu số", "Hỗ trợ đất ở cho hộ đồng bào dân tộc thiểu số"]),
        new("KKT", "Quản lý khu kinh tế", "BQLKKT", "BQLKKT", 40, 0, 0, 0.4, 0.06, [10, 15, 30], ["Cấp giấy chứng nhận đăng ký đầu tư trong khu kinh tế", "Cấp giấy phép xây dựng trong khu kinh tế", "Cấp giấy phép lao động trong khu kinh tế", "Xác nhận hợp đồng thuê đất trong khu kinh tế"]),
    ];

    private static readonly string[] Variants =
    [
        "", " (cấp lại)", " (điều chỉnh, bổ sung)", " (gia hạn)", " có yếu tố nước ngoài", " (thay đổi thông tin)",
        " (trường hợp bị mất, hỏng)", " (trường hợp đặc biệt)", " đối với tổ chức", " đối với cá nhân", " (liên thông)",
        " (thủ tục rút gọn)",
    ];

    public ProcedureCatalogue()
    {
        var list = new List<SeedProcedure>();
        var index = 0UL;
        foreach (var field in Fields)
        {
            foreach (var (level, count, prefix, volumeFactor) in new[]
                     {
                         ("province", field.Province, 1, 1.0), ("district", field.District, 2, 2.5), ("commune", field.Commune, 3, 4.0),
                     })
            {
                for (var i = 0; i < count; i++)
                {
                    index++;
                    var h = SeedRandom.Mix(index);
                    var baseName = field.Names[i % field.Names.Length];
                    var variant = i / field.Names.Length;
                    var name = variant < Variants.Length ? baseName + Variants[variant] : $"{baseName} (trường hợp {variant - Variants.Length + 2})";
                    var u = SeedRandom.Stable(index, 1);
                    var online = u < 0.38 ? "full" : u < 0.78 ? "partial" : "none";
                    var limitDays = field.Limits[(int)(h % (ulong)field.Limits.Length)];
                    var (limit, unit) = (SeedRandom.Stable(index, 2), level) switch
                    {
                        (< 0.04, _) => ((decimal)limitDays, "day"),
                        (< 0.07, "commune") => (8m, "hour"),
                        (< 0.08, "province") => (1m, "month"),
                        _ => ((decimal)limitDays, "working_day"),
                    };
                    // Popularity: a few procedures carry most of a field's dossiers (Zipf within the field).
                    var weight = field.Volume * volumeFactor / Math.Pow(i + 1, 1.15) / Math.Max(1, count) * 10;
                    list.Add(new SeedProcedure(
                        $"{prefix}.{(index * 7919 + 4003) % 1_000_000:D6}", name, field, level, online, limit, unit,
                        HasFee: SeedRandom.Stable(index, 3) < 0.55, PaperResult: SeedRandom.Stable(index, 4) < 0.85,
                        weight, DistrictToCommune: SeedRandom.Stable(index, 5) < 0.7));
                }
            }
        }

        Procedures = list;
    }

    public IReadOnlyList<SeedProcedure> Procedures { get; }
}
