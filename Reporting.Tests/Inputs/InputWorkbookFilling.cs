using ClosedXML.Excel;
using Reporting.Worker.Inputs;

namespace Reporting.Tests.Inputs;

/// <summary>Fills a downloaded input workbook as a clerk would (the workbook and API tests share it).</summary>
internal static class InputWorkbookFilling
{
    internal static byte[] Fill(byte[] workbookBytes, Action<XLWorkbook> fill)
    {
        using var workbook = new XLWorkbook(new MemoryStream(workbookBytes));
        fill(workbook);
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    internal static IXLCell ValueCell(XLWorkbook workbook, string code)
    {
        foreach (var (sheet, column) in new[] { (InputWorkbook.NarrativeSheet, 5), (InputWorkbook.IndicatorSheet, 7) })
        {
            var ws = workbook.Worksheet(sheet);
            var row = ws.RowsUsed().FirstOrDefault(r => r.Cell(1).GetString() == code);
            if (row is not null)
            {
                return ws.Cell(row.RowNumber(), column);
            }
        }

        throw new InvalidOperationException($"no row for {code}");
    }

    internal static void Set(IXLCell cell, object value)
    {
        switch (value)
        {
            case string s:
                cell.SetValue(s);
                cell.DataType = XLDataType.Text;
                break;
            case double d:
                cell.SetValue(d);
                break;
            case DateTime t:
                cell.SetValue(t);
                break;
        }
    }
}
