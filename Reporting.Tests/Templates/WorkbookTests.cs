using ClosedXML.Excel;
using Reporting.Templates.Excel;
using Reporting.Templates.Formatting;
using Reporting.Templates.Model;
using Reporting.Templates.Samples;
using Reporting.Tests.Fixtures;

namespace Reporting.Tests.Templates;

[Collection(ChromiumCollection.Name)]
public sealed class WorkbookTests(RenderedSamples samples)
{
    private static long[] Values(TthcFigures f) =>
    [
        f.ReceivedTotal, f.ReceivedOnline, f.ReceivedDirectOrPostal, f.CarriedOver, f.ResolvedTotal, f.ResolvedEarly, f.ResolvedOnTime,
        f.ResolvedLate, f.InProgressTotal, f.InProgressWithinLimit, f.InProgressOverdue, f.Withdrawn, f.Stopped, f.Refused,
    ];

    private static IEnumerable<(string Sheet, TthcRow Row)> TableRows(ReportModel m)
    {
        var tables = new List<(string, TthcTable)> { ("TTHC theo lĩnh vực", m.TthcByField) };
        if (m.TthcByUnit is { } u)
        {
            tables.Add(("TTHC theo đơn vị", u));
        }

        foreach (var (sheet, table) in tables)
        {
            foreach (var row in table.Groups.SelectMany(g => g.Rows).Append(new TthcRow("", "Tổng cộng", table.Total)))
            {
                yield return (sheet, row);
            }
        }
    }

    [Theory]
    [InlineData("province-annual")]
    [InlineData("department-annual")]
    public async Task Xlsx_HoldsEveryFigureAsNumbers_WithVietnameseFormats(string name)
    {
        var r = await samples.GetAsync(name);
        using var wb = new XLWorkbook(r.XlsxPath);
        foreach (var (sheet, row) in TableRows(r.Model))
        {
            var ws = wb.Worksheet(sheet);
            var cells = ws.RowsUsed().First(x => x.Cell(2).GetString() == row.Label);
            var values = Values(row.Figures);
            for (var i = 0; i < values.Length; i++)
            {
                var cell = cells.Cell(3 + i);
                Assert.Equal(XLDataType.Number, cell.DataType);
                Assert.Equal(values[i], cell.GetValue<long>());
                Assert.Equal("#,##0", cell.Style.NumberFormat.Format);
            }

            var rate = cells.Cell(17);
            Assert.Equal((double)(row.Figures.CchcOnTimeRate.Percent!.Value / 100m), rate.GetDouble(), 6);
            Assert.Equal("0.00%", rate.Style.NumberFormat.Format);
        }

        var plan = wb.Worksheet("Nhiệm vụ CCHC");
        Assert.Contains(plan.CellsUsed(), c => c.DataType == XLDataType.Number && c.GetDouble() == (double)r.Model.PlanTasks.Due);
        var feedback = wb.Worksheet("Phản ánh kiến nghị");
        Assert.Contains(feedback.CellsUsed(), c => c.DataType == XLDataType.Number && c.GetDouble() == r.Model.Feedback.Received);
        Assert.Equal(r.Model.Unit.Code, r.Model.Unit.Code);
        Assert.Contains(r.Model.Period.Code, wb.Properties.Keywords);
        Assert.Equal(r.Model.Header.Issuer.Body, wb.Properties.Author);
    }

    [Fact]
    public async Task Xlsx_FormSheets_HaveMergedHeadersFrozenRowsWidthsAndPrintSetup()
    {
        var r = await samples.GetAsync("province-annual");
        using var wb = new XLWorkbook(r.XlsxPath);
        var ws = wb.Worksheet("TTHC theo đơn vị");
        Assert.Contains(ws.MergedRanges, m => m.FirstCell().GetString() == "Số hồ sơ nhận giải quyết" && m.ColumnCount() == 4);
        Assert.Equal(9, ws.SheetView.SplitRow);
        Assert.Equal(XLPageOrientation.Landscape, ws.PageSetup.PageOrientation);
        Assert.Equal(XLPaperSize.A4Paper, ws.PageSetup.PaperSize);
        Assert.Equal(1, ws.PageSetup.PagesWide);
        Assert.Equal(36, ws.Column(2).Width, 1);
        Assert.Equal("Biểu số II.06c/VPCP/KSTT", ws.Cell(1, 1).GetString());
        Assert.Equal("Đơn vị tính: Số hồ sơ TTHC.", ws.Cell(5, 1).GetString());
    }

    [Fact]
    public async Task Xlsx_OpensInLibreOffice_AndShowsEveryFigureTheVietnameseWay()
    {
        var r = await samples.GetAsync("province-annual");
        var csv = await DocumentTools.LibreOfficeCsv(r.XlsxPath);
        Assert.Contains("TTHC theo đơn vị", csv.Keys);
        foreach (var (sheet, row) in TableRows(r.Model))
        {
            var cell = row.Label.Contains(',', StringComparison.Ordinal) ? $",\"{row.Label}\"," : $",{row.Label},";
            var line = csv[sheet].Split('\n').First(l => l.Contains(cell, StringComparison.Ordinal));
            foreach (var v in Values(row.Figures))
            {
                Assert.Contains(VietnameseFormat.Number(v), line);
            }

            Assert.Contains(VietnameseFormat.Rate(row.Figures.CchcOnTimeRate), line);
        }

        Assert.Contains(VietnameseFormat.Rate(r.Model.PlanTasks.CompletionRate), csv["Nhiệm vụ CCHC"]);
        Assert.Contains("64,86%", csv["Nhiệm vụ CCHC"]);
        foreach (var rank in r.Model.Ranking)
        {
            Assert.Contains(VietnameseFormat.Rate(rank.OnTimeRate), csv["Xếp hạng"]);
        }
    }

    [Theory]
    [InlineData("Nhiệm vụ CCHC", "KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH")]
    [InlineData("Phản ánh kiến nghị", "TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ")]
    [InlineData("Dịch vụ công trực tuyến", "DỊCH VỤ CÔNG TRỰC TUYẾN, THANH TOÁN TRỰC TUYẾN, SỐ HÓA")]
    public async Task Xlsx_IndicatorSheets_HaveTheirTitleAndTwoRowHeaderOnce_ThenOneRowPerIndicator(string sheet, string title)
    {
        var r = await samples.GetAsync("department-annual");
        using var wb = new XLWorkbook(r.XlsxPath);
        var ws = wb.Worksheet(sheet);
        var texts = ws.CellsUsed().Where(c => c.DataType == XLDataType.Text).Select(c => c.GetString()).ToList();
        foreach (var label in new[] { title, "STT", "Chỉ tiêu", "Kết quả", "Số lượng", "Tỷ lệ", "Cách tính tỷ lệ" })
        {
            Assert.Equal(1, texts.Count(t => t == label));
        }

        Assert.Equal(title, ws.Cell(1, 1).GetString());
        Assert.StartsWith(r.Model.Unit.Name + " - Kỳ báo cáo: ", ws.Cell(2, 1).GetString());
        Assert.Equal("Kết quả", ws.Cell(4, 3).GetString());
        Assert.Equal(["Số lượng", "Tỷ lệ"], [ws.Cell(5, 3).GetString(), ws.Cell(5, 4).GetString()]);
        Assert.Equal(1, ws.Cell(6, 1).GetValue<int>());
        Assert.Equal(5, ws.SheetView.SplitRow);
        Assert.Equal(4, ws.PageSetup.FirstRowToRepeatAtTop);
        Assert.Equal(5, ws.PageSetup.LastRowToRepeatAtTop);
    }

    [Fact]
    public async Task Xlsx_OverdueList_IsStreamedIntoItsOwnSheet()
    {
        var dossiers = Enumerable.Range(1, 20_000)
            .Select(i => new OverdueDossier($"HS-{i:000000}", "Sở Tư pháp", "Hộ tịch", "Đăng ký khai sinh", new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 8), i % 3 == 0 ? null : new DateOnly(2026, 1, 12), i % 17))
            .ToList();
        var model = SampleModels.CommuneQuarter() with { OverdueDossiers = dossiers };
        var bytes = WorkbookWriter.Write(model);
        using var wb = new XLWorkbook(new MemoryStream(bytes));
        var ws = wb.Worksheet(OverdueListWriter.SheetName);
        Assert.Equal(20_001, ws.LastRowUsed().RowNumber());
        Assert.Equal("HS-020000", ws.Cell(20_001, 2).GetString());
        Assert.Equal(20_000 % 17, ws.Cell(20_001, 9).GetValue<int>());
        Assert.Equal("05/01/2026", ws.Cell(2, 6).GetString());

        var path = Path.Combine(samples.Directory, "overdue.xlsx");
        Directory.CreateDirectory(samples.Directory);
        await File.WriteAllBytesAsync(path, bytes);
        var csv = await DocumentTools.LibreOfficeCsv(path);
        Assert.Contains("HS-020000", csv[OverdueListWriter.SheetName]);
    }
}

[Collection(ChromiumCollection.Name)]
public sealed class UnitIndicatorTests(RenderedSamples samples)
{
    [Fact]
    public async Task UnitIndicators_AppearInTheirAppendixAndSheet_MissingValuesAsDash()
    {
        var r = await samples.GetAsync("department-annual");
        var text = System.Text.RegularExpressions.Regex.Replace(await DocumentTools.PdfText(r.PdfPath), @"\s+", " ");
        Assert.Contains("SỐ LIỆU CẢI CÁCH HÀNH CHÍNH", text);
        var lines = (await DocumentTools.PdfText(r.PdfPath, layout: true)).Split('\n');
        Assert.EndsWith(" 12", lines.First(l => l.Contains("Số văn bản chỉ đạo, điều hành CCHC ban hành", StringComparison.Ordinal)).TrimEnd());
        var missing = Array.FindIndex(lines, l => l.Contains("Số văn bản QPPL ban hành hoặc tham mưu", StringComparison.Ordinal));
        Assert.Contains(lines.Skip(missing - 1).Take(3), l => l.TrimEnd().EndsWith(" -", StringComparison.Ordinal));
        Assert.Contains("ngày 09 tháng 01 năm 2026", text);
        Assert.Contains("91,67%", text);

        using var wb = new XLWorkbook(r.XlsxPath);
        var ws = wb.Worksheet("Số liệu CCHC");
        Assert.Equal(12, ws.Cell(5, 5).GetValue<long>());
        Assert.Equal(0.9167, ws.Cell(8, 5).GetDouble(), 6);
        Assert.Equal("-", ws.Cell(9, 5).GetString());
    }
}
