using Reporting.Templates.Model;

namespace Reporting.Templates.Html;

public enum AppendixContent
{
    TthcByUnit,
    TthcByField,
    DataQuality,
    Indicators,
}

/// <summary>One appendix: its Roman number, title, content and orientation (the 16-column form is landscape).</summary>
public sealed record AppendixPlan(int Index, string Title, AppendixContent Content, bool Landscape)
{
    /// <summary>The CSS named page (and page counter) of this appendix: "phu-luc-1", "phu-luc-2"…</summary>
    public string PageName => $"phu-luc-{Index}";

    /// <summary>The appendices of a report, in order: TTHC by unit (consolidated), by field, the unit's CCHC indicators if any, data quality if any.</summary>
    public static IReadOnlyList<AppendixPlan> For(ReportModel model)
    {
        var list = new List<(string, AppendixContent, bool)>();
        if (model.TthcByUnit is not null)
        {
            list.Add(("Tình hình, kết quả giải quyết thủ tục hành chính theo đơn vị", AppendixContent.TthcByUnit, true));
        }

        list.Add(("Tình hình, kết quả giải quyết thủ tục hành chính theo lĩnh vực", AppendixContent.TthcByField, true));
        if (model.Indicators.Count > 0)
        {
            list.Add(("Số liệu cải cách hành chính", AppendixContent.Indicators, false));
        }

        if (model.DataQuality.Rules.Count > 0)
        {
            list.Add(("Hồ sơ không đủ điều kiện thống kê", AppendixContent.DataQuality, false));
        }

        return list.Select((a, i) => new AppendixPlan(i + 1, a.Item1, a.Item2, a.Item3)).ToList();
    }
}
