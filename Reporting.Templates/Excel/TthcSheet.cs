using ClosedXML.Excel;
using Reporting.Templates.Formatting;
using Reporting.Templates.Model;

namespace Reporting.Templates.Excel;

/// <summary>
/// Biểu II.06a/VPCP/KSTT as a sheet: the title block, "Đơn vị tính", the three merged header rows, the column
/// numbers (1)–(13) and (a)–(c), rows grouped by level, the total, and two rate columns.
/// </summary>
internal static class TthcSheet
{
    private const int HeaderTop = 6;
    private const int ColumnNumbers = 9;
    private const int LastColumn = 18;

    public static void Write(IXLWorksheet ws, ReportModel model, TthcTable table)
    {
        ws.Cell(1, 1).Value = "Biểu số " + table.FormCode;
        ws.Range(1, 3, 1, LastColumn).Merge().Value = VietnameseFormat.Upper(table.Title);
        ws.Range(2, 3, 2, LastColumn).Merge().Value = "Kỳ báo cáo: " + model.Period.Label;
        ws.Range(3, 3, 3, LastColumn).Merge().Value = VietnameseFormat.Window(model.Period.From, model.Period.To);
        ws.Range(4, 1, 4, LastColumn).Merge().Value = "Đơn vị báo cáo: " + model.Unit.Name;
        ws.Range(5, 1, 5, LastColumn).Merge().Value = "Đơn vị tính: Số hồ sơ TTHC.";
        ws.Range(1, 3, 3, LastColumn).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        ws.Cell(1, 3).Style.Font.Bold = true;
        ws.Cell(5, 1).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
        ws.Cell(5, 1).Style.Font.Italic = true;

        int h = HeaderTop;
        void Span(int r1, int c1, int r2, int c2, string text) => ws.Range(r1, c1, r2, c2).Merge().Value = text;
        Span(h, 1, h + 2, 1, "STT");
        Span(h, 2, h + 2, 2, table.RowHeader);
        Span(h, 3, h, 6, "Số hồ sơ nhận giải quyết");
        Span(h, 7, h, 10, "Số hồ sơ đã giải quyết");
        Span(h, 11, h, 13, "Số hồ sơ đang giải quyết");
        Span(h, 14, h, 16, "Kết thúc không có kết quả");
        Span(h, 17, h + 2, 17, "Tỷ lệ giải quyết trước hạn và đúng hạn");
        Span(h, 18, h + 2, 18, "Tỷ lệ tiếp nhận trực tuyến");
        Span(h + 1, 3, h + 2, 3, "Tổng số");
        Span(h + 1, 4, h + 1, 5, "Trong kỳ");
        ws.Cell(h + 2, 4).Value = "Trực tuyến";
        ws.Cell(h + 2, 5).Value = "Trực tiếp, dịch vụ bưu chính";
        Span(h + 1, 6, h + 2, 6, "Từ kỳ trước");
        string[] rest = ["Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn", "Tổng số", "Trong hạn", "Quá hạn", "Rút hồ sơ", "Dừng giải quyết", "Từ chối, trả lại"];
        for (var i = 0; i < rest.Length; i++)
        {
            Span(h + 1, 7 + i, h + 2, 7 + i, rest[i]);
        }

        string[] numbers = ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)", "(11)", "(12)", "(13)", "(a)", "(b)", "(c)", "(8+9)/(7)", "(4)/(4+5)"];
        for (var c = 0; c < numbers.Length; c++)
        {
            ws.Cell(ColumnNumbers, c + 1).Value = numbers[c];
        }

        SheetStyle.Header(ws.Range(h, 1, ColumnNumbers, LastColumn));
        ws.Range(ColumnNumbers, 1, ColumnNumbers, LastColumn).Style.Font.Bold = false;
        ws.Range(ColumnNumbers, 1, ColumnNumbers, LastColumn).Style.Font.Italic = true;

        var row = ColumnNumbers + 1;
        var groupNo = 0;
        foreach (var group in table.Groups)
        {
            groupNo++;
            if (group.Label is { Length: > 0 })
            {
                ws.Cell(row, 1).Value = VietnameseFormat.Roman(groupNo);
                ws.Cell(row, 2).Value = group.Label;
                ws.Range(row, 1, row, LastColumn).Style.Font.Bold = true;
                row++;
            }

            var n = 0;
            foreach (var r in group.Rows)
            {
                ws.Cell(row, 1).Value = ++n;
                ws.Cell(row, 2).Value = r.Label;
                Figures(ws, row, r.Figures);
                row++;
            }
        }

        ws.Cell(row, 2).Value = "Tổng cộng";
        Figures(ws, row, table.Total);
        ws.Range(row, 1, row, LastColumn).Style.Font.Bold = true;
        SheetStyle.Borders(ws.Range(ColumnNumbers + 1, 1, row, LastColumn));
        ws.Cell(row + 2, 1).Value = "Ghi chú: " + FigureTextNote(table.Total);

        ws.Column(1).Width = 6;
        ws.Column(2).Width = 36;
        for (var c = 3; c <= LastColumn; c++)
        {
            ws.Column(c).Width = c >= 17 ? 13 : 10.5;
        }

        ws.Range(h, 1, h + 2, LastColumn).Style.Alignment.WrapText = true;
        ws.Row(h + 2).Height = 45;
        SheetStyle.Print(ws, HeaderTop, ColumnNumbers, model.Unit.Name, model.Period.Label);
    }

    private static string FigureTextNote(TthcFigures total) =>
        Html.FigureText.RateNote("Tỷ lệ giải quyết trước hạn và đúng hạn", total.CchcOnTimeRate) + " " +
        Html.FigureText.RateNote("Tỷ lệ tiếp nhận trực tuyến", total.OnlineShare);

    private static void Figures(IXLWorksheet ws, int row, TthcFigures f)
    {
        long[] values = [f.ReceivedTotal, f.ReceivedOnline, f.ReceivedDirectOrPostal, f.CarriedOver, f.ResolvedTotal, f.ResolvedEarly, f.ResolvedOnTime, f.ResolvedLate,
            f.InProgressTotal, f.InProgressWithinLimit, f.InProgressOverdue, f.Withdrawn, f.Stopped, f.Refused];
        for (var i = 0; i < values.Length; i++)
        {
            SheetStyle.Count(ws.Cell(row, 3 + i), values[i]);
        }

        SheetStyle.Rate(ws.Cell(row, 17), f.CchcOnTimeRate);
        SheetStyle.Rate(ws.Cell(row, 18), f.OnlineShare);
    }
}
