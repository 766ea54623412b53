using System.Globalization;
using System.Text;
using Dapper;
using Npgsql;
using Reporting.Templates.Model;
using Reporting.Worker.Calendar;
using Reporting.Worker.Database;
using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Inputs;

/// <summary>
/// Demo inputs over whatever agencies the database holds (the synthetic province or any other): in code order,
/// most units get plausible narrative and indicators; every ninth unit (at least one when there are three or
/// more) gets none and another ninth only part (missing "III" and a required indicator), so tracking and
/// reminders have something to show. "province" (the consolidated report) is always complete. Deterministic in
/// the unit codes; re-running changes nothing (same values, no history rows).
/// </summary>
public sealed class InputDemoSeeder(NpgsqlDataSource dataSource)
{
    public const string Author = "demo-seed";

    public async Task<DemoSeedOutcome> SeedAsync(ReportKind kind, string periodCode, CancellationToken cancellationToken)
    {
        var period = Period.Parse(kind, periodCode);
        List<DemoUnit> units;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            units = (await connection.QueryAsync<DemoUnit>(new CommandDefinition(SqlFiles.Get("inputs/units_on"),
                new { on = period.To.ToDateTime(TimeOnly.MinValue) }, cancellationToken: cancellationToken))).ToList();
        }

        var empty = units.Where((_, i) => i % 9 == 4).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        if (empty.Count == 0 && units.Count >= 3)
        {
            empty.Add(units[^1].Code);
        }

        var partial = units.Where((u, i) => i % 9 == 7 && !empty.Contains(u.Code)).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        var store = new UnitInputStore(dataSource);
        var changed = 0;
        foreach (var unit in units.Prepend(new DemoUnit(ReportKey.Province, "Sở Nội vụ (báo cáo tổng hợp của tỉnh)", "province", "SNV")))
        {
            if (empty.Contains(unit.Code))
            {
                continue;
            }

            var values = Values(unit, period);
            if (partial.Contains(unit.Code))
            {
                values.Remove("III");
                values.Remove("CQS_VB_DIEN_TU");
            }

            var outcome = await store.SaveAsync(new UnitInputKey(unit.Code, kind, periodCode), values, Author, InputAction.Seed, cancellationToken);
            if (!outcome.Accepted)
            {
                throw new InvalidOperationException($"demo inputs for {unit.Code} are invalid: {string.Join("; ", outcome.Errors)}");
            }

            changed += outcome.Changed.Count;
        }

        return new DemoSeedOutcome(units.Count + 1, empty.Order(StringComparer.Ordinal).ToList(),
            partial.Order(StringComparer.Ordinal).ToList(), changed);
    }

    private static Dictionary<string, string?> Values(DemoUnit unit, Period period)
    {
        int N(string what, int min, int max) => min + (int)(Hash($"{unit.Code}|{period.Code}|{what}") % (uint)(max - min + 1));
        string P(string what, int min) => (N(what, min * 100, 10_000) / 100m).ToString("0.00", CultureInfo.InvariantCulture);
        var name = unit.Name;
        var label = period.Label;
        var symbol = string.IsNullOrWhiteSpace(unit.Symbol) ? "UBND" : unit.Symbol;
        var planDate = new DateOnly(period.Year, 1, 1).AddDays(N("plan-day", 5, 40));
        int directives = N("directives", 2, 14), inspected = N("inspected", 1, 8), found = N("found", 0, 12);
        int handled = Math.Min(found, N("handled", 0, 12)), legal = N("legal", 0, 9), reviewed = N("reviewed", legal, legal + 15);
        int trained = N("trained", 5, 120), quota = N("quota", 18, 140), present = Math.Max(1, quota - N("vacant", 0, 6));
        int tasks = N("tasks", 12, 40), done = N("done", tasks / 2, tasks);
        var digital = P("digital", 82);

        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["I.1"] = $"Ngày {planDate:dd/MM/yyyy}, {name} ban hành Kế hoạch số {N("plan", 3, 180)}/KH-{symbol} về cải cách hành chính năm {period.Year}, đề ra {tasks} nhiệm vụ; đến nay đã hoàn thành {done} nhiệm vụ, các nhiệm vụ còn lại đang triển khai theo tiến độ.",
            ["I.2"] = $"Trong {label}, {name} đã ban hành {directives} văn bản chỉ đạo, điều hành công tác cải cách hành chính.\n" +
                "- Quán triệt, triển khai kịp thời các văn bản của Trung ương và của tỉnh về cải cách hành chính.\n" +
                $"- Tổ chức {N("meetings", 1, 6)} cuộc họp giao ban, đánh giá tiến độ thực hiện nhiệm vụ cải cách hành chính.",
            ["I.3"] = $"Đã kiểm tra công tác cải cách hành chính tại {inspected} cơ quan, đơn vị; phát hiện {found} vấn đề, đã xử lý hoặc kiến nghị xử lý {handled} vấn đề.",
            ["I.4"] = "Tuyên truyền cải cách hành chính trên trang thông tin điện tử, qua hệ thống truyền thanh cơ sở và tại Bộ phận Một cửa.",
            ["I.5"] = N("model", 0, 1) == 0
                ? "Duy trì mô hình \"Cà phê doanh nhân\" đối thoại với người dân, doanh nghiệp; tổ chức khảo sát sự hài lòng của người dân, tổ chức."
                : "Triển khai mô hình \"Một cửa không chờ\" tại Bộ phận Một cửa; tổ chức khảo sát sự hài lòng của người dân, tổ chức.",
            ["II.1"] = $"Tham mưu ban hành {legal} văn bản quy phạm pháp luật; kiểm tra, rà soát {reviewed} văn bản, không phát hiện văn bản trái pháp luật.",
            ["II.2.a"] = $"Công khai đầy đủ, kịp thời {N("published", 80, 420)} thủ tục hành chính tại Bộ phận Một cửa và trên Cổng Dịch vụ công của tỉnh.\n" +
                $"- Rà soát, đánh giá {N("simplified", 0, 10)} thủ tục hành chính, đề xuất phương án đơn giản hóa thành phần hồ sơ và thời gian giải quyết.\n" +
                "- Kiểm soát chặt chẽ quy định thủ tục hành chính trong các dự thảo văn bản do đơn vị chủ trì soạn thảo.",
            ["II.3"] = "Tiếp tục rà soát, kiện toàn chức năng, nhiệm vụ, quyền hạn của các phòng, đơn vị trực thuộc; sắp xếp tổ chức bộ máy bảo đảm tinh gọn, hoạt động hiệu lực, hiệu quả.",
            ["II.4"] = "Thực hiện nghiêm quy định về vị trí việc làm và cơ cấu ngạch công chức.\n" +
                $"- Cử {trained} lượt cán bộ, công chức tham gia đào tạo, bồi dưỡng.\n" +
                "- Tăng cường kỷ luật, kỷ cương hành chính và đạo đức công vụ.",
            ["II.5"] = "Thực hiện cơ chế tự chủ tài chính theo quy định; công khai dự toán, quyết toán ngân sách; quản lý, sử dụng tài sản công đúng mục đích, tiết kiệm.",
            ["II.6"] = $"Tỷ lệ văn bản được gửi, nhận dưới dạng điện tử đạt {digital.Replace('.', ',')}%; văn bản đi được ký số, trừ văn bản mật. Hệ thống thông tin giải quyết TTHC kết nối, chia sẻ dữ liệu với Cổng Dịch vụ công quốc gia.",
            ["III"] = "Ưu điểm: công tác cải cách hành chính được quan tâm chỉ đạo; các nhiệm vụ cơ bản hoàn thành đúng tiến độ.\n" +
                "Tồn tại, hạn chế:\n- Một số hồ sơ TTHC còn giải quyết quá hạn.\n- Tỷ lệ hồ sơ trực tuyến toàn trình ở một số lĩnh vực còn thấp.\n" +
                "Nguyên nhân: hạ tầng công nghệ thông tin chưa đồng bộ; công chức làm công tác cải cách hành chính còn kiêm nhiệm.",
            ["IV"] = "- Tiếp tục rà soát, đơn giản hóa TTHC, nâng cao chất lượng giải quyết hồ sơ.\n" +
                "- Đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình và thanh toán trực tuyến.\n" +
                "- Tăng cường kiểm tra, giám sát việc chấp hành kỷ luật, kỷ cương hành chính.",
            ["V"] = N("proposal", 0, 1) == 0 ? "Đề nghị Sở Nội vụ tổ chức tập huấn nghiệp vụ cải cách hành chính cho công chức làm công tác cải cách hành chính." : null,
            ["CD_VAN_BAN_CHI_DAO"] = Str(directives),
            ["CD_KE_HOACH_SO_HIEU"] = $"{N("plan", 3, 180)}/KH-{symbol}",
            ["CD_KE_HOACH_NGAY"] = planDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["CD_DON_VI_DUOC_KIEM_TRA"] = Str(inspected),
            ["CD_VAN_DE_PHAT_HIEN"] = Str(found),
            ["CD_VAN_DE_DA_XU_LY"] = Str(handled),
            ["TC_VB_QPPL_BAN_HANH"] = Str(legal),
            ["TC_VB_QPPL_RA_SOAT"] = Str(reviewed),
            ["TTHC_RA_SOAT_DON_GIAN_HOA"] = Str(N("simplified", 0, 10)),
            ["BM_PHONG_DON_VI"] = Str(N("offices", 3, 12)),
            ["BM_DON_VI_SU_NGHIEP"] = Str(N("dvsn", 0, 6)),
            ["CV_BIEN_CHE_GIAO"] = Str(quota),
            ["CV_BIEN_CHE_CO_MAT"] = Str(present),
            ["CV_DAO_TAO_BOI_DUONG"] = Str(trained),
            ["CV_KY_LUAT"] = Str(N("discipline", 0, 2)),
            ["TCC_DVSN_TU_CHU"] = Str(N("autonomy", 0, 4)),
            ["CQS_VB_DIEN_TU"] = digital,
            ["CQS_VB_KY_SO"] = P("signed", 90),
            ["CQS_HSCV_DIEN_TU"] = P("files", 70),
        };
    }

    private static string Str(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>FNV-1a: stable across runs and platforms (string.GetHashCode is randomised per process).</summary>
    private static uint Hash(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    private sealed record DemoUnit(string Code, string Name, string Kind, string? Symbol);
}

/// <param name="Units">Units considered, "province" included.</param>
/// <param name="Empty">Units deliberately left without any input.</param>
/// <param name="Partial">Units given only part of the required inputs.</param>
/// <param name="Changed">Fields written by this run (0 on a re-run).</param>
public sealed record DemoSeedOutcome(int Units, IReadOnlyList<string> Empty, IReadOnlyList<string> Partial, int Changed);
