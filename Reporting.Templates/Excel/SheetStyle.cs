using ClosedXML.Excel;

namespace Reporting.Templates.Excel;

/// <summary>
/// Shared look of the form sheets. Number formats are the locale-neutral codes ("#,##0", "0.00%"): a Vietnamese
/// Excel or LibreOffice shows them as 44.292 and 88,04%.
/// </summary>
internal static class SheetStyle
{
    public const string CountFormat = "#,##0";
    public const string PercentFormat = "0.00%";
    public const string Font = "Times New Roman";

    public static void Header(IXLRange range)
    {
        range.Style.Font.Bold = true;
        range.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        range.Style.Alignment.Vertical = XLAlignmentVerticalValues.Center;
        range.Style.Alignment.WrapText = true;
        Borders(range);
    }

    public static void Borders(IXLRange range)
    {
        range.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        range.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
    }

    /// <summary>A4 landscape, one page wide, header rows repeated, unit and period in header and footer.</summary>
    public static void Print(IXLWorksheet ws, int headerFirstRow, int headerLastRow, string unit, string period)
    {
        ws.Style.Font.FontName = Font;
        ws.Style.Font.FontSize = 11;
        ws.PageSetup.PaperSize = XLPaperSize.A4Paper;
        ws.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        ws.PageSetup.FitToPages(1, 0);
        ws.PageSetup.SetRowsToRepeatAtTop(headerFirstRow, headerLastRow);
        ws.PageSetup.Margins.Left = 0.6;
        ws.PageSetup.Margins.Right = 0.4;
        ws.PageSetup.Header.Center.AddText(unit);
        ws.PageSetup.Header.Right.AddText(period);
        ws.PageSetup.Footer.Center.AddText("Trang ");
        ws.PageSetup.Footer.Center.AddText(XLHFPredefinedText.PageNumber);
        ws.SheetView.FreezeRows(headerLastRow);
    }

    /// <summary>A rate as a number formatted 0.00%, or "-" when its denominator is zero.</summary>
    public static void Rate(IXLCell cell, Model.Rate rate)
    {
        if (rate.Denominator == 0)
        {
            cell.Value = "-";
            cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
            return;
        }

        cell.Value = (double)(rate.Percent!.Value / 100m);
        cell.Style.NumberFormat.Format = PercentFormat;
    }

    public static void Count(IXLCell cell, long value)
    {
        cell.Value = value;
        cell.Style.NumberFormat.Format = CountFormat;
    }
}
