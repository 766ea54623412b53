using Reporting.Templates.Model;
using Reporting.Worker.Calendar;
using Reporting.Worker.Extract;

namespace Reporting.Worker.Model;

/// <summary>What the model needs besides the extract results: who issues, when, and how it is signed.</summary>
/// <param name="Unit">The reporting unit; null for the consolidated provincial report.</param>
/// <param name="Issuer">The body that issues (the province's Sở Nội vụ for the consolidated report).</param>
/// <param name="Province">The province agency heading the issuer on the issue date, when known.</param>
public sealed record ModelContext(
    AgencyRow? Unit,
    AgencyRow? Issuer,
    AgencyRow? Province,
    DateOnly IssueDate,
    ReportSchedule? Schedule,
    SignatureBlock Signature);

/// <summary>
/// Maps extract results into the report model (Reporting.Templates): a pure function, so the same results always
/// give the same model. Narrative sections are the unit's own text and are not produced here.
/// </summary>
public static class ReportModelBuilder
{
    public const string TemplateVersion = "2026.1";
    public const string FormCode = "Biểu II.06a/VPCP/KSTT";
    public const int MostOverdueFieldCount = 5;

    private static readonly DateOnly TwoLevelGovernment = new(2025, 7, 1);

    public static ReportModel Build(ExtractResults r, AgencyDirectory directory, ModelContext context)
    {
        var window = r.Window;
        var period = window.Period;
        var total = TthcFigures.Sum(r.Rows.Select(x => x.Figures));
        var provinceName = context.Province?.ProvinceName ?? context.Issuer?.ProvinceName ?? context.Unit?.ProvinceName ?? "";

        var issuer = context.Issuer is null
            ? new Issuer(IssuerNaming.ProvinceCommittee(context.Province, provinceName), "SỞ NỘI VỤ", "SNV", provinceName)
            : IssuerNaming.For(context.Issuer, context.Province);
        // Units report to the People's Committee through Sở Nội vụ; the consolidated report, and Sở Nội vụ's own
        // report as a department, go to the Committee directly (a report is never addressed to its own issuer).
        var addressee = context.Unit is null || context.Unit.IsHomeAffairs
            ? $"Ủy ban nhân dân tỉnh {provinceName}"
            : $"Sở Nội vụ tỉnh {provinceName}";
        var header = new DocumentHeader(issuer, null, context.IssueDate, "BÁO CÁO",
            $"Kết quả thực hiện công tác cải cách hành chính {period.Label}", [addressee]);

        var reportPeriod = new ReportPeriod(period.Kind, period.Code, period.Label, period.From, period.To, period.Rule,
            window.End, window.LastDay, context.Schedule?.UnitToDepartment, context.Schedule?.DepartmentToProvince);
        var unit = context.Unit is null
            ? new ReportUnit(Pipeline.ReportKey.Province, $"Tỉnh {provinceName}", "province", "province")
            : new ReportUnit(context.Unit.Code, context.Unit.Name, context.Unit.Level, context.Unit.Kind);

        var byField = FieldTable(r.Rows, directory, period, total);
        var byUnit = context.Unit is null ? UnitTable(r.Rows, directory, period, total) : null;

        var resolvedHasFee = r.Rows.Sum(x => x.ResolvedHasFee);
        var services = new ServiceFigures(
            r.Catalogue.FullOnline, r.Catalogue.PartialOnline, r.Catalogue.Total,
            total.OnlineShare,
            new Rate(r.Rows.Sum(x => x.ResolvedPaidOnline), resolvedHasFee,
                "hồ sơ thanh toán trực tuyến", "hồ sơ đã giải quyết có nghĩa vụ tài chính"),
            new Rate(r.Rows.Sum(x => x.ResolvedDigitised), total.ResolvedTotal,
                "hồ sơ có kết quả điện tử (số hóa)", "tổng số hồ sơ đã giải quyết"),
            Decision766OnTime(total),
            r.ProcessNotes.AwaitingSupplement,
            r.ProcessNotes.ApologiesIssued);

        var feedback = new FeedbackFigures(r.Feedback.Received, r.Feedback.Handled, r.Feedback.HandledOnTime, r.Feedback.Pending);
        var tasks = new PlanTaskFigures(r.PlanTasks.Due, r.PlanTasks.Completed, r.PlanTasks.CompletedOnTime);

        return new ReportModel(header, reportPeriod, unit, byField, byUnit, services, feedback, tasks,
            LastYear(r, directory, context),
            context.Unit is null ? Ranking(r.Rows, directory) : [],
            MostOverdue(r.Rows, directory),
            [],
            Annex(r.DataQuality),
            context.Signature,
            TemplateVersion);
    }

    /// <summary>Decision 766 indicator 2.1: (resolved early or on time + in progress within limit) / ([7] + [11]).</summary>
    public static Rate Decision766OnTime(TthcFigures f) => new(
        f.ResolvedEarly + f.ResolvedOnTime + f.InProgressWithinLimit, f.ResolvedTotal + f.InProgressTotal,
        "hồ sơ giải quyết trước hạn, đúng hạn và đang giải quyết trong hạn",
        "tổng số hồ sơ đã giải quyết và đang giải quyết ([7] + [11])");

    /// <summary>
    /// Rows per field, grouped by the procedure's level; windows starting after 2025-06-30 have no district group
    /// (two-level local government): district-level procedures, if any remain, are shown under "Cấp xã".
    /// </summary>
    private static TthcTable FieldTable(IReadOnlyList<TthcExtractRow> rows, AgencyDirectory directory, Period period, TthcFigures total)
    {
        var twoLevels = period.From >= TwoLevelGovernment;
        string GroupOf(string level) => level == "district" && twoLevels ? "commune" : level;
        var groups = rows
            .GroupBy(x => GroupOf(x.Level))
            .OrderBy(g => LevelOrder(g.Key))
            .Select(g => new TthcRowGroup(LevelLabel(g.Key), g
                .GroupBy(x => x.FieldId)
                .Select(f => (Field: directory.FieldsById.GetValueOrDefault(f.Key), Figures: TthcFigures.Sum(f.Select(x => x.Figures)), Id: f.Key))
                .OrderBy(f => f.Field?.Code ?? f.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal)
                .Select(f => new TthcRow(f.Field?.Code ?? $"#{f.Id}", f.Field?.Name ?? $"#{f.Id}", f.Figures))
                .ToList()))
            .ToList();
        return new TthcTable(FormCode, "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
            "Lĩnh vực, công việc giải quyết theo cấp", groups, total);
    }

    /// <summary>
    /// Rows per deciding unit (the consolidated report), grouped by the unit's level, names as recorded. A unit that
    /// no longer exists at the window's end (merged or dissolved, e.g. the districts on 2025-07-01) still holds the
    /// dossiers it received and had not finished: those rows stay, so the totals reconcile, in a group of their own
    /// after the current levels, never as a district group of a two-level period.
    /// </summary>
    private static TthcTable UnitTable(IReadOnlyList<TthcExtractRow> rows, AgencyDirectory directory, Period period, TthcFigures total)
    {
        var end = period.To.ToDateTime(TimeOnly.MinValue);
        string GroupOf(AgencyRow? agency) => agency is { ValidTo: { } to } && to <= end ? Ended : agency?.Level ?? "province";
        var groups = rows
            .GroupBy(x => x.AgencyId)
            .Select(g => (Agency: directory.ById.GetValueOrDefault(g.Key), Id: g.Key, Figures: TthcFigures.Sum(g.Select(x => x.Figures))))
            .GroupBy(u => GroupOf(u.Agency))
            .OrderBy(g => LevelOrder(g.Key))
            .Select(g => new TthcRowGroup(UnitLevelLabel(g.Key), g
                .OrderBy(u => u.Agency?.Code ?? "", StringComparer.Ordinal)
                .Select(u => new TthcRow(u.Agency?.Code ?? $"#{u.Id}", u.Agency?.Name ?? $"#{u.Id}", u.Figures))
                .ToList()))
            .ToList();
        return new TthcTable(FormCode, "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "Đơn vị", groups, total);
    }

    /// <summary>Units by CCHC on-time rate, best first; equal rates share a rank (1, 1, 3); units with nothing resolved are left out.</summary>
    private static IReadOnlyList<UnitRanking> Ranking(IReadOnlyList<TthcExtractRow> rows, AgencyDirectory directory)
    {
        var units = rows
            .GroupBy(x => x.AgencyId)
            .Select(g => (Agency: directory.ById.GetValueOrDefault(g.Key), Id: g.Key, Figures: TthcFigures.Sum(g.Select(x => x.Figures))))
            .Where(u => u.Figures.ResolvedTotal > 0)
            .Select(u => (u.Agency, u.Id, u.Figures, Rate: u.Figures.CchcOnTimeRate))
            .OrderByDescending(u => u.Rate.Percent)
            .ThenByDescending(u => u.Figures.ResolvedTotal)
            .ThenBy(u => u.Agency?.Code ?? "", StringComparer.Ordinal)
            .ToList();
        var ranking = new List<UnitRanking>(units.Count);
        for (var i = 0; i < units.Count; i++)
        {
            var rank = i > 0 && units[i].Rate.Percent == units[i - 1].Rate.Percent ? ranking[i - 1].Rank : i + 1;
            ranking.Add(new UnitRanking(rank, units[i].Agency?.Code ?? $"#{units[i].Id}", units[i].Agency?.Name ?? $"#{units[i].Id}",
                units[i].Rate, units[i].Figures.ResolvedTotal));
        }

        return ranking;
    }

    /// <summary>Fields with the most overdue dossiers (resolved late + in progress overdue), at most five, none with zero.</summary>
    private static IReadOnlyList<OverdueField> MostOverdue(IReadOnlyList<TthcExtractRow> rows, AgencyDirectory directory) => rows
        .GroupBy(x => x.FieldId)
        .Select(g => (Field: directory.FieldsById.GetValueOrDefault(g.Key), Id: g.Key, Late: g.Sum(x => x.ResolvedLate), Overdue: g.Sum(x => x.InProgressOverdue)))
        .Where(f => f.Late + f.Overdue > 0)
        .OrderByDescending(f => f.Late + f.Overdue)
        .ThenBy(f => f.Field?.Code ?? "", StringComparer.Ordinal)
        .Take(MostOverdueFieldCount)
        .Select(f => new OverdueField(f.Field?.Code ?? $"#{f.Id}", f.Field?.Name ?? $"#{f.Id}", f.Late, f.Overdue))
        .ToList();

    private static Comparison LastYear(ExtractResults r, AgencyDirectory directory, ModelContext context)
    {
        var previous = r.PreviousWindow;
        var figures = TthcFigures.Sum(r.PreviousRows.Select(x => x.Figures));
        var sources = r.PreviousSources.Select(id => directory.ById.GetValueOrDefault(id)).OfType<AgencyRow>().ToList();
        string? note = null;
        if (context.Unit is not null && (sources.Count != 1 || sources[0].Id != context.Unit.Id))
        {
            note = sources.Count == 0
                ? $"đơn vị chưa có số liệu cùng kỳ {previous.Period.Year}"
                : $"số liệu cùng kỳ {previous.Period.Year} là tổng của {string.Join(", ", sources.Select(s => s.Name))}";
        }

        return new Comparison(previous.Period.From, CivilTime.DateOf(previous.End.AddTicks(-1)), figures, note,
            sources.Select(s => s.Code).ToList());
    }

    private static DataQualityAnnex Annex(IReadOnlyList<DataQualityExtractRow> rows) => new(rows
        .GroupBy(q => q.Rule)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => new DataQualityRule(g.Key, DataQualityRules.Describe(g.Key), g.First().RuleCount,
            g.Select(q => new DataQualityItem(q.DossierCode, q.Reason)).ToList()))
        .ToList());

    private const string Ended = "ended";

    private static int LevelOrder(string level) => level switch { "province" => 0, "district" => 1, Ended => 3, _ => 2 };

    private static string LevelLabel(string level) => level switch
    {
        "province" => "Cấp tỉnh",
        "district" => "Cấp huyện",
        _ => "Cấp xã",
    };

    private static string UnitLevelLabel(string level) => level switch
    {
        "province" => "Sở, ban, ngành cấp tỉnh",
        "district" => "Huyện, thị xã, thành phố",
        Ended => "Đơn vị đã sáp nhập, giải thể (hồ sơ chuyển tiếp chưa giải quyết xong)",
        _ => "Xã, phường, đặc khu",
    };
}
