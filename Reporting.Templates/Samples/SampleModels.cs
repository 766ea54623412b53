using Reporting.Templates.Model;

namespace Reporting.Templates.Samples;

/// <summary>
/// Hand-made, realistic report models: the samples in docs/samples, the `render --fixture` verb and the template
/// tests all use them. Figures balance (received = resolved + in progress + ended without result).
/// </summary>
public static class SampleModels
{
    public static IReadOnlyList<string> Names { get; } = ["department-annual", "commune-quarter", "province-annual", "adhoc", "large-table"];

    public static ReportModel ByName(string name) => name switch
    {
        "department-annual" => DepartmentAnnual(),
        "commune-quarter" => CommuneQuarter(),
        "province-annual" => ProvinceAnnual(),
        "adhoc" => Adhoc(),
        "large-table" => LargeTable(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Không có mẫu: " + string.Join(", ", Names)),
    };

    private static readonly string[] Fields =
    [
        "Hộ tịch", "Chứng thực", "Đất đai", "Xây dựng", "Thành lập và hoạt động của doanh nghiệp", "Lao động, tiền lương",
        "Giáo dục và Đào tạo", "Khám bệnh, chữa bệnh", "Lý lịch tư pháp", "Công chức, viên chức", "Môi trường",
        "Đường bộ", "Lưu thông hàng hóa trong nước", "Trồng trọt", "Người có công", "Bảo trợ xã hội",
    ];

    /// <summary>
    /// Balanced figures from a size and a seed: received = resolved + in progress + ended, deterministic.
    /// </summary>
    public static TthcFigures Figures(long size, int seed)
    {
        var r = new Random(seed);
        var online = size * r.Next(45, 75) / 100;
        var postal = size * r.Next(1, 5) / 100;
        var direct = size - online - postal;
        var carried = size * r.Next(3, 9) / 100;
        var total = size + carried;
        var withdrawn = total * r.Next(0, 2) / 100;
        var stopped = total / 400;
        var refused = total * r.Next(0, 2) / 100;
        var inProgress = total * r.Next(4, 10) / 100;
        var overdueOpen = inProgress * r.Next(0, 20) / 100;
        var resolved = total - inProgress - withdrawn - stopped - refused;
        var late = resolved * r.Next(0, 6) / 100;
        var early = resolved * r.Next(40, 80) / 100;
        var onTime = resolved - early - late;
        return new TthcFigures(online, direct, postal, carried, early, onTime, late, inProgress - overdueOpen, overdueOpen, withdrawn, stopped, refused);
    }

    private static Issuer Province(string body, string symbol) => new("ỦY BAN NHÂN DÂN TỈNH AN GIANG", body, symbol, "An Giang");

    private static ReportPeriod Annual2026 => new(ReportKind.Annual, "2026", "năm 2026", new(2025, 12, 15), new(2026, 12, 14), WindowRule.Decree09CutOff,
        new DateTimeOffset(2026, 12, 4, 17, 0, 0, TimeSpan.FromHours(7)));

    private static TthcTable FieldTable(string unitCode, int fieldCount, long sizePerField, int seed, bool communeLevel)
    {
        var rows = Enumerable.Range(0, fieldCount)
            .Select(i => new TthcRow($"{unitCode}-F{i + 1:000}", i < Fields.Length ? Fields[i] : $"Lĩnh vực số {i + 1}", Figures(sizePerField + (i * 37 % 211), seed + i)))
            .ToList();
        return new TthcTable("II.06a/VPCP/KSTT", "Tình hình, kết quả giải quyết thủ tục hành chính", "Lĩnh vực, công việc giải quyết theo cấp",
            [new TthcRowGroup(communeLevel ? "Cấp xã" : "Cấp tỉnh", rows)], TthcFigures.Sum(rows.Select(r => r.Figures)));
    }

    private static IReadOnlyList<NarrativeSection> DepartmentSections() =>
    [
        new("I.2", "Tổ chức, chỉ đạo, điều hành", [new Paragraph("Sở đã ban hành 12 văn bản chỉ đạo, điều hành công tác cải cách hành chính; tổ chức 02 cuộc họp sơ kết.")], []),
        new("I.4", "Tuyên truyền cải cách hành chính", [new BulletList(["Đăng 48 tin, bài trên Cổng thông tin điện tử của Sở;", "Tổ chức 03 hội nghị tuyên truyền cho cán bộ, công chức."])], []),
        new("II.2.b", "", [new Paragraph("Lĩnh vực hộ tịch và chứng thực chiếm tỷ trọng lớn nhất trong tổng số hồ sơ tiếp nhận.")], []),
        new("III", "Đánh giá chung", [new Paragraph("Công tác cải cách hành chính năm 2026 đạt nhiều kết quả tích cực; tỷ lệ hồ sơ trực tuyến tăng mạnh so với cùng kỳ.")], []),
        new("IV", "", [new Placeholder("nhiệm vụ trọng tâm năm 2027")], []),
    ];

    public static ReportModel DepartmentAnnual()
    {
        var table = FieldTable("STP", 9, 1800, 11, communeLevel: false);
        return new ReportModel(
            new DocumentHeader(Province("SỞ TƯ PHÁP", "STP"), 5, new(2026, 12, 5), "Báo cáo",
                "Kết quả thực hiện công tác cải cách hành chính năm 2026", ["Sở Nội vụ tỉnh An Giang"]),
            Annual2026,
            new ReportUnit("000.00.15.H01", "Sở Tư pháp", "province", "department"),
            table, null,
            new ServiceFigures(58, 31, 112, table.Total.OnlineShare, new Rate(8231, 9420, "hồ sơ thanh toán trực tuyến", "hồ sơ có nghĩa vụ tài chính"),
                new Rate(14120, 15210, "hồ sơ được số hóa kết quả", "hồ sơ đã giải quyết"), new Rate(15012, 16890, "hồ sơ đúng hạn theo 766", "hồ sơ đã và đang xử lý")),
            new FeedbackFigures(64, 61, 58, 3),
            new PlanTaskFigures(37, 24, 22),
            new Comparison(new(2024, 12, 15), new(2025, 12, 14), Figures(9800, 99), null, ["000.00.15.H01"]),
            [], [new OverdueField("STP-F003", "Đất đai", 154, 21), new OverdueField("STP-F004", "Xây dựng", 87, 9)],
            DepartmentSections(), DataQualityAnnex.Empty,
            new SignatureBlock(["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Nguyễn Thị Hạnh", ["Sở Nội vụ", "Giám đốc, các Phó Giám đốc Sở", "Lưu: VT, VP"]),
            "tpl-2026.1")
        {
            Indicators =
            [
                new("CD_VAN_BAN_CHI_DAO", "Chỉ đạo, điều hành", "Số văn bản chỉ đạo, điều hành CCHC ban hành", "văn bản", UnitIndicatorType.Count, 12, null, null, null, "12"),
                new("CD_KE_HOACH_SO_HIEU", "Chỉ đạo, điều hành", "Số, ký hiệu kế hoạch CCHC năm", "", UnitIndicatorType.ShortText, null, null, null, "139/KH-STP", "139/KH-STP"),
                new("CD_KE_HOACH_NGAY", "Chỉ đạo, điều hành", "Ngày ban hành kế hoạch CCHC năm", "", UnitIndicatorType.Date, null, null, new DateOnly(2026, 1, 9), null, "ngày 09 tháng 01 năm 2026"),
                new("CV_TY_LE_DANH_GIA", "Cải cách chế độ công vụ", "Tỷ lệ công chức được đánh giá hoàn thành tốt nhiệm vụ", "%", UnitIndicatorType.Percentage, null, 91.67m, null, null, "91,67%"),
                new("TC_VB_QPPL_BAN_HANH", "Cải cách thể chế", "Số văn bản QPPL ban hành hoặc tham mưu ban hành", "văn bản", UnitIndicatorType.Count, null, null, null, null, ""),
            ],
        };
    }

    public static ReportModel CommuneQuarter()
    {
        var table = FieldTable("XRG", 7, 420, 21, communeLevel: true);
        return new ReportModel(
            new DocumentHeader(new Issuer(null, "ỦY BAN NHÂN DÂN\nPHƯỜNG RẠCH GIÁ", "UBND", "Rạch Giá"), null, new(2026, 9, 9), "Báo cáo",
                "Kết quả thực hiện công tác cải cách hành chính quý III năm 2026", ["Ủy ban nhân dân tỉnh An Giang", "Sở Nội vụ tỉnh An Giang"]),
            new ReportPeriod(ReportKind.Quarter, "2026-Q3", "quý III năm 2026", new(2026, 6, 15), new(2026, 9, 14), WindowRule.Decree09CutOff,
                new DateTimeOffset(2026, 9, 8, 17, 0, 0, TimeSpan.FromHours(7))),
            new ReportUnit("30001", "Ủy ban nhân dân phường Rạch Giá", "commune", "commune"),
            table, null,
            new ServiceFigures(12, 40, 96, table.Total.OnlineShare, new Rate(0, 0, "hồ sơ thanh toán trực tuyến", "hồ sơ có nghĩa vụ tài chính"),
                new Rate(2604, 2950, "hồ sơ được số hóa kết quả", "hồ sơ đã giải quyết"), new Rate(2811, 3020, "hồ sơ đúng hạn theo 766", "hồ sơ đã và đang xử lý")),
            new FeedbackFigures(7, 7, 7, 0),
            new PlanTaskFigures(9, 6, 6),
            null, [], [],
            [new("I.1", "", [new Paragraph("Ủy ban nhân dân phường ban hành Kế hoạch số 45/KH-UBND ngày 09/01/2026 về cải cách hành chính năm 2026.")], [])],
            DataQualityAnnex.Empty,
            new SignatureBlock(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Trần Văn Phúc", ["UBND tỉnh An Giang", "Sở Nội vụ", "Lưu: VT"]),
            "tpl-2026.1");
    }

    private static readonly string[] ProvinceUnits =
    [
        "Sở Tư pháp", "Sở Xây dựng", "Sở Nông nghiệp và Môi trường", "Sở Tài chính", "Sở Y tế", "Sở Giáo dục và Đào tạo",
        "Sở Nội vụ", "Sở Công Thương", "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch",
        "UBND phường Rạch Giá", "UBND phường Long Xuyên", "UBND phường Châu Đốc", "UBND xã Phú Quốc", "UBND xã Kiên Lương",
        "UBND xã Tân Hiệp", "UBND xã Chợ Mới", "UBND xã Tri Tôn", "UBND xã Tịnh Biên", "UBND đặc khu Kiên Hải",
    ];

    public static ReportModel ProvinceAnnual()
    {
        var rows = ProvinceUnits.Select((name, i) => new TthcRow($"U{i + 1:00}", name, Figures(900 + (i * 613 % 4100), 300 + i))).ToList();
        var provinceRows = rows.Take(10).ToList();
        var communeRows = rows.Skip(10).ToList();
        var total = TthcFigures.Sum(rows.Select(r => r.Figures));
        var byUnit = new TthcTable("II.06c/VPCP/KSTT", "Tình hình, kết quả giải quyết thủ tục hành chính trên địa bàn tỉnh", "Đơn vị",
            [new TthcRowGroup("Sở, ban, ngành", provinceRows), new TthcRowGroup("Xã, phường, đặc khu", communeRows)], total);
        var fieldRows = Fields.Take(12).Select((f, i) => new TthcRow($"F{i + 1:00}", f, Figures(2500 + i * 97, 500 + i))).ToList();
        var byField = new TthcTable("II.06a/VPCP/KSTT", "Tình hình, kết quả giải quyết thủ tục hành chính theo lĩnh vực", "Lĩnh vực",
            [new TthcRowGroup(null, fieldRows)], TthcFigures.Sum(fieldRows.Select(r => r.Figures)));
        var ranking = rows.OrderByDescending(r => r.Figures.CchcOnTimeRate.Percent ?? -1).ThenBy(r => r.Code, StringComparer.Ordinal)
            .Select((r, i) => new UnitRanking(i + 1, r.Code, r.Label, r.Figures.CchcOnTimeRate, r.Figures.ResolvedTotal)).ToList();
        return new ReportModel(
            new DocumentHeader(Province("SỞ NỘI VỤ", "SNV"), 123, new(2026, 12, 12), "Báo cáo",
                "Kết quả thực hiện công tác cải cách hành chính năm 2026 trên địa bàn tỉnh", ["Ủy ban nhân dân tỉnh An Giang"]),
            Annual2026,
            new ReportUnit("province", "Sở Nội vụ tỉnh An Giang", "province", "province"),
            byField, byUnit,
            new ServiceFigures(1024, 870, 1921, total.OnlineShare, new Rate(120331, 140012, "hồ sơ thanh toán trực tuyến", "hồ sơ có nghĩa vụ tài chính"),
                new Rate(171091, 186404, "hồ sơ được số hóa kết quả", "hồ sơ đã giải quyết"), new Rate(186404, 201765, "hồ sơ đúng hạn theo 766", "hồ sơ đã và đang xử lý")),
            new FeedbackFigures(1286, 1240, 1198, 46),
            new PlanTaskFigures(37, 24, 21),
            new Comparison(new(2024, 12, 15), new(2025, 12, 14), Figures(30100, 7), "Số liệu cùng kỳ năm 2025 là tổng của các đơn vị tiền thân thuộc tỉnh An Giang và tỉnh Kiên Giang (cũ).", ["AG", "KG"]),
            ranking,
            [new OverdueField("F03", "Đất đai", 1204, 311), new OverdueField("F04", "Xây dựng", 406, 57)],
            [new("III", "Đánh giá chung", [new Paragraph("Các cơ quan, đơn vị cơ bản hoàn thành nhiệm vụ cải cách hành chính năm 2026.")], [])],
            new DataQualityAnnex([
                new DataQualityRule("DQ_RESOLVED_BEFORE_RECEIVED", "Ngày giải quyết trước ngày tiếp nhận", 3,
                    [new("000.00.15.H01-261203-0001", "Giải quyết 02/12/2026, tiếp nhận 03/12/2026"), new("30001-260817-0042", "Giải quyết 16/08/2026, tiếp nhận 17/08/2026"), new("30007-260101-0007", "Giải quyết 31/12/2025, tiếp nhận 01/01/2026")]),
                new DataQualityRule("DQ_UNKNOWN_FIELD", "Không xác định được lĩnh vực", 1, [new("30012-260505-0100", "Mã thủ tục 1.00XXXX không có trong danh mục")]),
            ]),
            new SignatureBlock(["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Lê Minh Tâm", ["Bộ Nội vụ", "Thường trực UBND tỉnh", "Các sở, ban, ngành tỉnh", "UBND các xã, phường, đặc khu", "Lưu: VT, CCHC"]),
            "tpl-2026.1");
    }

    public static ReportModel Adhoc()
    {
        var table = FieldTable("SXD", 5, 700, 41, communeLevel: false);
        return new ReportModel(
            new DocumentHeader(Province("SỞ XÂY DỰNG", "SXD"), 8, new(2026, 4, 8), "Báo cáo",
                "Tình hình giải quyết thủ tục hành chính quý I năm 2026 theo yêu cầu của Ủy ban nhân dân tỉnh", ["Ủy ban nhân dân tỉnh An Giang"]),
            new ReportPeriod(ReportKind.Adhoc, "2026-01-01..2026-03-31", "từ ngày 01/01/2026 đến ngày 31/03/2026", new(2026, 1, 1), new(2026, 3, 31), WindowRule.Requested,
                new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.FromHours(7))),
            new ReportUnit("000.00.20.H01", "Sở Xây dựng", "province", "department"),
            table, null,
            new ServiceFigures(21, 14, 58, table.Total.OnlineShare, new Rate(402, 515, "hồ sơ thanh toán trực tuyến", "hồ sơ có nghĩa vụ tài chính"),
                new Rate(3120, 3302, "hồ sơ được số hóa kết quả", "hồ sơ đã giải quyết"), new Rate(3190, 3601, "hồ sơ đúng hạn theo 766", "hồ sơ đã và đang xử lý")),
            new FeedbackFigures(0, 0, 0, 0),
            new PlanTaskFigures(0, 0, 0),
            null, [], [],
            [new("III", "Đề xuất, kiến nghị", [new Paragraph("Đề nghị <script>alert('x')</script> & <b>bổ sung</b> biên chế cho bộ phận một cửa.")], [])],
            DataQualityAnnex.Empty,
            new SignatureBlock(["GIÁM ĐỐC"], "Phạm Quốc Hùng", ["UBND tỉnh (b/c)", "Lưu: VT, QLXD"]),
            "tpl-2026.1");
    }

    /// <summary>A department report whose field table has 300 rows: the appendix spans pages.</summary>
    public static ReportModel LargeTable()
    {
        var m = DepartmentAnnual();
        return m with { TthcByField = FieldTable("STP", 300, 40, 1000, communeLevel: false) };
    }
}
