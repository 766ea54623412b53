using Reporting.Worker.Calendar;

namespace Reporting.Worker.Seed;

public sealed record FeedbackRow(string Code, int AgencyId, string Topic, DateTime ReceivedAt, DateTime DueAt, DateTime? HandledAt, bool? Satisfied);

public sealed record PlanTaskRow(int AgencyId, int PlanYear, string Code, string Title, DateOnly DueOn, DateOnly? CompletedOn, string Output);

/// <summary>
/// Feedback (phản ánh, kiến nghị) and CCHC plan tasks of the synthetic province. One unit is pinned so later stages
/// have a known figure: Sở Nội vụ (AG.SNV) has 37 tasks in the plan of the current year, 24 of them done.
/// </summary>
public static class SideRecords
{
    public const string PinnedUnit = "AG.SNV";
    public const int PinnedTasks = 37, PinnedDone = 24;

    private static readonly string[] Topics = ["procedure", "procedure", "procedure", "conduct", "regulation", "other"];

    private static readonly string[] TaskTitles =
    [
        "Rà soát, đơn giản hóa thủ tục hành chính lĩnh vực được giao",
        "Kiểm tra công tác cải cách hành chính tại các đơn vị trực thuộc",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        "Công bố, công khai thủ tục hành chính trên Cổng Dịch vụ công",
        "Tuyên truyền về cải cách hành chính",
        "Khảo sát mức độ hài lòng của người dân, doanh nghiệp",
        "Rà soát chức năng, nhiệm vụ, tổ chức bộ máy",
        "Báo cáo công tác cải cách hành chính định kỳ",
        "Ứng dụng công nghệ thông tin, chuyển đổi số trong hoạt động",
        "Tự đánh giá, chấm điểm Chỉ số cải cách hành chính",
        "Cập nhật quy trình nội bộ giải quyết thủ tục hành chính",
        "Bồi dưỡng kỹ năng cho công chức Bộ phận Một cửa",
    ];

    private static readonly string[] Outputs = ["Báo cáo", "Kế hoạch", "Quyết định", "Công văn", "Thông báo"];

    public static List<FeedbackRow> Feedback(ulong seed, long dossiers, DateOnly from, DateTimeOffset now, WorkingCalendar calendar,
        ProvinceShape shape, IReadOnlyDictionary<string, int> agencyIds)
    {
        var rng = new SeedRandom(seed ^ 0xFEEDBACCUL);
        var count = (int)Math.Max(60, dossiers / 250);
        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(7)).DateTime);
        var span = today.DayNumber - from.DayNumber + 1;
        var days = new DateOnly[count];
        for (var i = 0; i < count; i++)
        {
            days[i] = from.AddDays(rng.Next(span));
        }

        Array.Sort(days);
        var rows = new List<FeedbackRow>(count);
        var seq = 0;
        for (var i = 0; i < count; i++)
        {
            var day = days[i];
            seq = i > 0 && days[i - 1] == day ? seq + 1 : 1;
            var units = shape.Agencies.Where(a => a.Kind is "department" or "commune" or "district" && a.ValidFrom <= day && (a.ValidTo is null || a.ValidTo > day)).ToList();
            var unit = units[rng.Next(units.Count)];
            var received = Utc(day, rng.Between(450, 1019));
            var dueDay = calendar.AddWorkingDays(day.AddDays(1), 10);
            var due = Utc(dueDay, 1020);
            DateTime? handled = null;
            bool? satisfied = null;
            var handledDay = rng.Chance(0.85) ? calendar.AddWorkingDays(day.AddDays(1), rng.Between(1, 9)) : calendar.AddWorkingDays(dueDay, rng.Between(1, 20));
            var handledAt = Utc(handledDay, rng.Between(480, 1019));
            if (handledAt <= now.UtcDateTime && rng.Chance(0.97))
            {
                handled = handledAt;
                satisfied = rng.Chance(0.82);
            }

            rows.Add(new FeedbackRow($"PAKN-{day:yyMMdd}-{seq:D3}", agencyIds[unit.Code], Topics[rng.Next(Topics.Length)], received, due, handled, satisfied));
        }

        return rows;
    }

    public static List<PlanTaskRow> PlanTasks(ulong seed, DateOnly from, DateTimeOffset now, ProvinceShape shape, IReadOnlyDictionary<string, int> agencyIds)
    {
        var rng = new SeedRandom(seed ^ 0x9A5CUL);
        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(7)).DateTime);
        var rows = new List<PlanTaskRow>();
        for (var year = from.Year; year <= today.Year; year++)
        {
            var start = new DateOnly(year, 1, 1);
            var end = new DateOnly(year, 12, 31);
            var units = shape.Agencies.Where(a => a.Kind is "department" or "district" or "commune" or "one_stop_centre"
                                                  && a.ValidFrom <= end && (a.ValidTo is null || a.ValidTo > start)).ToList();
            foreach (var unit in units)
            {
                var first = unit.ValidFrom > start ? unit.ValidFrom : start;
                var last = unit.ValidTo is { } to && to <= end ? to.AddDays(-1) : end;
                var pinned = unit.Code == PinnedUnit && year == today.Year;
                var count = pinned ? PinnedTasks : unit.Kind == "commune" ? rng.Between(6, 14) : rng.Between(18, 40);
                var span = last.DayNumber - first.DayNumber + 1;
                var done = 0;
                for (var n = 1; n <= count; n++)
                {
                    var due = first.AddDays((int)((long)span * n / (count + 1)));
                    DateOnly? completed = null;
                    var finish = due.AddDays(rng.Between(-20, 15));
                    if (pinned)
                    {
                        if (done < PinnedDone)
                        {
                            completed = finish <= today ? finish : today;
                            done++;
                        }
                    }
                    else if (finish <= today && rng.Chance(0.88))
                    {
                        completed = finish;
                    }

                    rows.Add(new PlanTaskRow(agencyIds[unit.Code], year, $"NV{n:D2}", TaskTitles[rng.Next(TaskTitles.Length)], due, completed,
                        Outputs[rng.Next(Outputs.Length)]));
                }
            }
        }

        return rows;
    }

    private static DateTime Utc(DateOnly day, int minute) => new(day.DayNumber * TimeSpan.TicksPerDay + minute * TimeSpan.TicksPerMinute - TimeSpan.TicksPerHour * 7, DateTimeKind.Utc);
}
