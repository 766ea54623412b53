using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Reporting.Templates.Formatting;
using Reporting.Templates.Model;

namespace Reporting.Templates.Excel;

/// <summary>
/// Appends the list of overdue dossiers to a saved workbook as its own sheet, streamed row by row with the OpenXml
/// SAX writer (<see cref="OpenXmlWriter"/>): 100k rows stay in a few hundred MB, where ClosedXML's in-memory model
/// needs 1.4 GB (design.md). Strings are inline (no shared-string table to build); counts are numbers.
/// </summary>
public static class OverdueListWriter
{
    public const string SheetName = "Hồ sơ quá hạn";

    private static readonly string[] Headers =
        ["STT", "Mã hồ sơ", "Đơn vị", "Lĩnh vực", "Thủ tục hành chính", "Ngày tiếp nhận", "Hạn giải quyết", "Ngày giải quyết", "Số ngày quá hạn"];

    private static readonly double[] Widths = [7, 28, 32, 28, 50, 14, 14, 14, 12];

    public static void Append(Stream workbook, IReadOnlyList<OverdueDossier> dossiers)
    {
        using var document = SpreadsheetDocument.Open(workbook, true);
        var workbookPart = document.WorkbookPart!;
        var part = workbookPart.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(part))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetViews());
            writer.WriteStartElement(new SheetView { WorkbookViewId = 0 });
            writer.WriteElement(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteStartElement(new Columns());
            for (var c = 0; c < Widths.Length; c++)
            {
                writer.WriteElement(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = Widths[c], CustomWidth = true });
            }

            writer.WriteEndElement();
            writer.WriteStartElement(new SheetData());
            WriteRow(writer, 1, Headers.Select(h => (object)h));
            var rowIndex = 2u;
            foreach (var d in dossiers)
            {
                WriteRow(writer, rowIndex, [
                    (long)(rowIndex - 1), d.DossierCode, d.UnitName, d.FieldName, d.ProcedureName,
                    VietnameseFormat.ShortDate(d.ReceivedOn), VietnameseFormat.ShortDate(d.DueOn),
                    d.ResolvedOn is { } r ? VietnameseFormat.ShortDate(r) : "", (long)d.DaysOverdue,
                ]);
                rowIndex++;
            }

            writer.WriteEndElement();
            writer.WriteElement(new PageMargins { Left = 0.6, Right = 0.4, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
            writer.WriteElement(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
            writer.WriteEndElement();
        }

        var sheets = workbookPart.Workbook.Sheets!;
        var id = sheets.Elements<Sheet>().Select(s => s.SheetId!.Value).DefaultIfEmpty(0u).Max() + 1;
        sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = id, Name = SheetName });
        workbookPart.Workbook.Save();
    }

    private static void WriteRow(OpenXmlWriter writer, uint index, IEnumerable<object> values)
    {
        writer.WriteStartElement(new Row { RowIndex = index });
        foreach (var v in values)
        {
            if (v is long n)
            {
                writer.WriteElement(new Cell { DataType = CellValues.Number, CellValue = new CellValue(n.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
            }
            else
            {
                writer.WriteElement(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text((string)v)) });
            }
        }

        writer.WriteEndElement();
    }
}
