using ClosedXML.Excel;
using Reporting.Templates.Formatting;
using Reporting.Templates.Model;

namespace Reporting.Templates.Excel;

/// <summary>
/// A count or a rate with the name of what it counts; a rate's note names its denominator. The quantity column
/// shows the count, or for a rate its numerator.
/// </summary>
internal sealed record Indicator(string Name, long? Count, Rate? Rate);

/// <summary>
/// The small official tables (plan tasks, feedback, online services, ranking, excluded dossiers) as sheets with a
/// title, a merged two-row header and explicit widths.
/// </summary>
internal static class IndicatorSheet
{
    public static void Write(IXLWorksheet ws, ReportModel model, string title, IReadOnlyList<Indicator> rows)
    {
        Title(ws, model, title, 4);
        ws.Range(4, 1, 5, 1).Merge().Value = "STT";
        ws.Range(4, 2, 5, 2).Merge().Value = "Chỉ tiêu";
        ws.Range(4, 3, 4, 4).Merge().Value = "Kết quả";
        ws.Cell(5, 3).Value = "Số lượng";
        ws.Cell(5, 4).Value = "Tỷ lệ";
        ws.Range(4, 5, 5, 5).Merge().Value = "Cách tính tỷ lệ";
        SheetStyle.Header(ws.Range(4, 1, 5, 5));
        var row = 6;
        foreach (var r in rows)
        {
            ws.Cell(row, 1).Value = row - 5;
            ws.Cell(row, 2).Value = r.Name;
            if ((r.Rate?.Numerator ?? r.Count) is { } quantity)
            {
                SheetStyle.Count(ws.Cell(row, 3), quantity);
            }

            if (r.Rate is { } rate)
            {
                SheetStyle.Rate(ws.Cell(row, 4), rate);
                ws.Cell(row, 5).Value = $"{rate.NumeratorLabel} / {rate.DenominatorLabel} ({VietnameseFormat.Number(rate.Numerator)}/{VietnameseFormat.Number(rate.Denominator)})";
            }

            row++;
        }

        SheetStyle.Borders(ws.Range(6, 1, Math.Max(6, row - 1), 5));
        ws.Column(1).Width = 6;
        ws.Column(2).Width = 48;
        ws.Column(3).Width = 14;
        ws.Column(4).Width = 12;
        ws.Column(5).Width = 60;
        ws.Range(6, 5, Math.Max(6, row - 1), 5).Style.Alignment.WrapText = true;
        SheetStyle.Print(ws, 4, 5, model.Unit.Name, model.Period.Label);
    }

    public static void Title(IXLWorksheet ws, ReportModel model, string title, int lastColumn)
    {
        ws.Range(1, 1, 1, Math.Max(lastColumn, 5)).Merge().Value = VietnameseFormat.Upper(title);
        ws.Range(2, 1, 2, Math.Max(lastColumn, 5)).Merge().Value = $"{model.Unit.Name} - Kỳ báo cáo: {model.Period.Label} {VietnameseFormat.Window(model.Period.From, model.Period.To)}";
        ws.Range(1, 1, 2, Math.Max(lastColumn, 5)).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        ws.Cell(1, 1).Style.Font.Bold = true;
    }

    public static void Ranking(IXLWorksheet ws, ReportModel model)
    {
        Title(ws, model, "Xếp hạng các cơ quan, đơn vị theo tỷ lệ giải quyết hồ sơ trước hạn và đúng hạn", 5);
        string[] head = ["Hạng", "Cơ quan, đơn vị", "Đã giải quyết", "Trước hạn và đúng hạn", "Tỷ lệ"];
        for (var c = 0; c < head.Length; c++)
        {
            ws.Cell(4, c + 1).Value = head[c];
        }

        SheetStyle.Header(ws.Range(4, 1, 4, 5));
        var row = 5;
        foreach (var r in model.Ranking)
        {
            ws.Cell(row, 1).Value = r.Rank;
            ws.Cell(row, 2).Value = r.UnitName;
            SheetStyle.Count(ws.Cell(row, 3), r.Resolved);
            SheetStyle.Count(ws.Cell(row, 4), r.OnTimeRate.Numerator);
            SheetStyle.Rate(ws.Cell(row, 5), r.OnTimeRate);
            row++;
        }

        SheetStyle.Borders(ws.Range(5, 1, Math.Max(5, row - 1), 5));
        ws.Column(1).Width = 7;
        ws.Column(2).Width = 42;
        ws.Column(3).Width = 15;
        ws.Column(4).Width = 15;
        ws.Column(5).Width = 12;
        SheetStyle.Print(ws, 4, 4, model.Unit.Name, model.Period.Label);
    }

    /// <summary>The unit's own indicators: counts and percentages as numbers, dates and text as shown.</summary>
    public static void UnitIndicators(IXLWorksheet ws, ReportModel model)
    {
        Title(ws, model, "Số liệu cải cách hành chính", 5);
        string[] head = ["STT", "Nhóm", "Chỉ tiêu", "Đơn vị tính", "Kết quả"];
        for (var c = 0; c < head.Length; c++)
        {
            ws.Cell(4, c + 1).Value = head[c];
        }

        SheetStyle.Header(ws.Range(4, 1, 4, 5));
        var row = 5;
        foreach (var i in model.Indicators)
        {
            ws.Cell(row, 1).Value = row - 4;
            ws.Cell(row, 2).Value = i.Group;
            ws.Cell(row, 3).Value = i.Label;
            ws.Cell(row, 4).Value = i.UnitOfMeasure;
            var cell = ws.Cell(row, 5);
            if (i.Count is { } n)
            {
                SheetStyle.Count(cell, n);
            }
            else if (i.Percent is { } p)
            {
                cell.Value = (double)(p / 100m);
                cell.Style.NumberFormat.Format = SheetStyle.PercentFormat;
            }
            else
            {
                cell.Value = i.HasValue ? i.Display : "-";
            }

            row++;
        }

        SheetStyle.Borders(ws.Range(5, 1, Math.Max(5, row - 1), 5));
        ws.Column(1).Width = 6;
        ws.Column(2).Width = 28;
        ws.Column(3).Width = 56;
        ws.Column(4).Width = 16;
        ws.Column(5).Width = 24;
        SheetStyle.Print(ws, 4, 4, model.Unit.Name, model.Period.Label);
    }

    public static void DataQuality(IXLWorksheet ws, ReportModel model)
    {
        Title(ws, model, "Hồ sơ không đủ điều kiện thống kê", 4);
        string[] head = ["STT", "Quy tắc", "Mã hồ sơ", "Lý do"];
        for (var c = 0; c < head.Length; c++)
        {
            ws.Cell(4, c + 1).Value = head[c];
        }

        SheetStyle.Header(ws.Range(4, 1, 4, 4));
        var row = 5;
        foreach (var rule in model.DataQuality.Rules)
        {
            ws.Cell(row, 2).Value = $"{rule.Description} ({rule.Code})";
            SheetStyle.Count(ws.Cell(row, 3), rule.Count);
            ws.Range(row, 1, row, 4).Style.Font.Bold = true;
            row++;
            var n = 0;
            foreach (var item in rule.Items)
            {
                ws.Cell(row, 1).Value = ++n;
                ws.Cell(row, 2).Value = rule.Code;
                ws.Cell(row, 3).Value = item.DossierCode;
                ws.Cell(row, 4).Value = item.Reason;
                row++;
            }
        }

        ws.Cell(row, 2).Value = "Tổng số hồ sơ loại trừ";
        SheetStyle.Count(ws.Cell(row, 3), model.DataQuality.ExcludedTotal);
        SheetStyle.Borders(ws.Range(5, 1, row, 4));
        ws.Column(1).Width = 6;
        ws.Column(2).Width = 44;
        ws.Column(3).Width = 30;
        ws.Column(4).Width = 60;
        SheetStyle.Print(ws, 4, 4, model.Unit.Name, model.Period.Label);
    }
}
