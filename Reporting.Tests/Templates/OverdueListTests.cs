using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Reporting.Templates.Excel;
using Reporting.Templates.Model;
using Reporting.Templates.Samples;
using Reporting.Tests.Fixtures;

namespace Reporting.Tests.Templates;

/// <summary>
/// The overdue-dossier annex: written forward-only into the workbook's zip while the rows are enumerated, read back
/// by readers that are not ours (the OpenXml SDK's SAX reader, ClosedXML, LibreOffice).
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class OverdueListTests(RenderedSamples samples)
{
    /// <summary>Rows produced as they are enumerated; counts the enumerations.</summary>
    private sealed class Rows(int count) : IEnumerable<OverdueDossier>
    {
        public int Enumerations { get; private set; }

        public IEnumerator<OverdueDossier> GetEnumerator()
        {
            Enumerations++;
            return Produce().GetEnumerator();
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        private IEnumerable<OverdueDossier> Produce()
        {
            for (var i = 1; i <= count; i++)
            {
                yield return Row(i);
            }
        }
    }

    private static OverdueDossier Row(int i) => new(
        $"000.00.{i % 31:00}.H01-{i:0000000}", $"UBND phường Hòa Thuận số {i % 40}", "Hộ tịch", "Đăng ký khai sinh kết hợp đăng ký thường trú",
        new DateOnly(2026, 1, 5).AddDays(i % 200), new DateOnly(2026, 1, 15).AddDays(i % 200), i % 4 == 0 ? null : new DateOnly(2026, 2, 1).AddDays(i % 200), 1 + i % 40);

    private string WriteFile(string name, ReportModel model)
    {
        Directory.CreateDirectory(samples.Directory);
        var path = Path.Combine(samples.Directory, name);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        WorkbookWriter.Write(model, file);
        return path;
    }

    private static List<string?> CellTexts(OpenXmlReader reader)
    {
        var row = (Row)reader.LoadCurrentElement()!;
        return row.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.Text!.Text : c.CellValue?.Text).ToList();
    }

    [Fact]
    public void Annex_OfHundredThousandRows_IsCompleteForTheOpenXmlSdkReader_AndTheRowsAreEnumeratedOnce()
    {
        const int count = 100_000;
        var rows = new Rows(count);
        var path = WriteFile("overdue-100k.xlsx", SampleModels.DepartmentAnnual() with { OverdueDossiers = rows });

        Assert.Equal(1, rows.Enumerations);
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(OverdueListWriter.SheetName, sheets[^1].Name!.Value);
        Assert.Contains(sheets, s => s.Name!.Value == "TTHC theo lĩnh vực");
        var part = (WorksheetPart)workbook.GetPartById(sheets[^1].Id!.Value!);

        var rowCount = 0;
        List<string?>? header = null, first = null, last = null;
        uint lastIndex = 0;
        using (var reader = OpenXmlReader.Create(part))
        {
            while (reader.Read())
            {
                if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
                {
                    continue;
                }

                rowCount++;
                var index = uint.Parse(reader.Attributes.Single(a => a.LocalName == "r").Value!, System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal((uint)rowCount, index);
                lastIndex = index;
                if (rowCount <= 2 || rowCount == count + 1)
                {
                    var texts = CellTexts(reader);
                    if (rowCount == 1)
                    {
                        header = texts;
                    }
                    else if (rowCount == 2)
                    {
                        first = texts;
                    }
                    else
                    {
                        last = texts;
                    }
                }
            }
        }

        Assert.Equal(count + 1, rowCount);
        Assert.Equal((uint)(count + 1), lastIndex);
        Assert.Equal(["STT", "Mã hồ sơ", "Đơn vị", "Lĩnh vực", "Thủ tục hành chính", "Ngày tiếp nhận", "Hạn giải quyết", "Ngày giải quyết", "Số ngày quá hạn"], header);
        Assert.Equal(["1", "000.00.01.H01-0000001", "UBND phường Hòa Thuận số 1", "Hộ tịch", "Đăng ký khai sinh kết hợp đăng ký thường trú", "06/01/2026", "16/01/2026", "02/02/2026", "2"], first);
        var r = Row(count);
        Assert.Equal(["100000", r.DossierCode, r.UnitName, "Hộ tịch", r.ProcedureName, "05/01/2026", "15/01/2026", null, "1"], last);
        Assert.Null(r.ResolvedOn);
        Assert.Equal("000.00.25.H01-0100000", r.DossierCode);
    }

    [Fact]
    public async Task Annex_IsSchemaValid_LastSheet_FrozenHeader_WidthsAndPrintSetup_AndLibreOfficeReadsEveryRow()
    {
        var path = WriteFile("overdue-small.xlsx", SampleModels.ProvinceAnnual() with { OverdueDossiers = Enumerable.Range(1, 250).Select(Row).ToList() });

        using (var document = SpreadsheetDocument.Open(path, false))
        {
            var workbook = document.WorkbookPart!;
            var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Last();
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
            var validator = new OpenXmlValidator(FileFormatVersions.Office2010);
            Assert.Empty(validator.Validate(part.Worksheet).Select(e => $"{e.Path?.XPath}: {e.Description}"));
            Assert.Empty(validator.Validate(workbook.Workbook).Select(e => $"{e.Path?.XPath}: {e.Description}"));
            Assert.Equal(WorksheetContentType, part.ContentType);
            Assert.Equal([7d, 28, 32, 28, 50, 14, 14, 14, 12], part.Worksheet.GetFirstChild<Columns>()!.Elements<Column>().Select(c => c.Width!.Value));
            var app = document.ExtendedFilePropertiesPart!.Properties;
            Assert.Empty(validator.Validate(app).Select(e => $"{e.Path?.XPath}: {e.Description}"));
            var titles = app.TitlesOfParts!.VTVector!.Elements<DocumentFormat.OpenXml.VariantTypes.VTLPSTR>().Select(t => t.Text).ToList();
            var sheetCount = workbook.Workbook.Sheets!.Elements<Sheet>().Count();
            Assert.Equal(OverdueListWriter.SheetName, titles[sheetCount - 1]);
            Assert.Equal(titles.Count, (int)app.TitlesOfParts.VTVector.Size!.Value);
        }

        using (var wb = new XLWorkbook(path))
        {
            Assert.Equal(OverdueListWriter.SheetName, wb.Worksheets.Last().Name);
            Assert.Equal(["TTHC theo đơn vị", "TTHC theo lĩnh vực", "Xếp hạng"], wb.Worksheets.Take(3).Select(w => w.Name));
            var ws = wb.Worksheet(OverdueListWriter.SheetName);
            Assert.Equal(1, ws.SheetView.SplitRow);
            Assert.Equal(XLPageOrientation.Landscape, ws.PageSetup.PageOrientation);
            Assert.Equal(XLPaperSize.A4Paper, ws.PageSetup.PaperSize);
            Assert.Equal(1, ws.PageSetup.PagesWide);
            Assert.Equal(1, ws.PageSetup.FirstRowToRepeatAtTop);
            Assert.Equal(1, ws.PageSetup.LastRowToRepeatAtTop);
            Assert.Equal(251, ws.LastRowUsed().RowNumber());
            Assert.Equal(XLDataType.Number, ws.Cell(251, 9).DataType);
            Assert.Equal("UBND phường Hòa Thuận số 10", ws.Cell(251, 3).GetString());
            Assert.True(ws.Cell(5, 8).IsEmpty());

            // The form sheets ClosedXML wrote are untouched: print titles of their own, numbers and formats.
            var tthc = wb.Worksheet("TTHC theo đơn vị");
            Assert.Equal(6, tthc.PageSetup.FirstRowToRepeatAtTop);
            Assert.Equal(9, tthc.SheetView.SplitRow);
        }

        var csv = (await DocumentTools.LibreOfficeCsv(path))[OverdueListWriter.SheetName].TrimEnd('\n').Split('\n');
        Assert.Equal(251, csv.Length);
        Assert.StartsWith("STT,Mã hồ sơ,Đơn vị,", csv[0]);
        Assert.Equal("1,000.00.01.H01-0000001,UBND phường Hòa Thuận số 1,Hộ tịch,Đăng ký khai sinh kết hợp đăng ký thường trú,06/01/2026,16/01/2026,02/02/2026,2", csv[1]);
        Assert.Equal("250,000.00.02.H01-0000250,UBND phường Hòa Thuận số 10,Hộ tịch,Đăng ký khai sinh kết hợp đăng ký thường trú,24/02/2026,06/03/2026,23/03/2026,11", csv[250]);
    }

    private const string WorksheetContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

    [Fact]
    public void NoOverdueDossiers_NoAnnexSheet()
    {
        var bytes = WorkbookWriter.Write(SampleModels.CommuneQuarter() with { OverdueDossiers = new Rows(0) });

        using var wb = new XLWorkbook(new MemoryStream(bytes));
        Assert.DoesNotContain(wb.Worksheets, w => w.Name == OverdueListWriter.SheetName);
        Assert.Equal("Dữ liệu loại trừ", wb.Worksheets.Last().Name);
    }
}
