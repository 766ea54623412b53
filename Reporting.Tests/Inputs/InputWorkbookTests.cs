using ClosedXML.Excel;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Reporting.Templates.Model;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Cli;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Inputs;

namespace Reporting.Tests.Inputs;

public sealed class InputWorkbookTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private NpgsqlDataSource Data => fixture.Database.DataSource;

    private UnitInputStore Store => new(Data);

    /// <summary>What a clerk types, per field, and what must be stored for it.</summary>
    private static (object Typed, string Stored) Entry(InputField field, int i) => field.Type switch
    {
        InputFieldType.Narrative => ($"Mục {field.Code}: đoạn một.\n- ý {i}\n- {InputTestData.Markup}", $"Mục {field.Code}: đoạn một.\n- ý {i}\n- {InputTestData.Markup}"),
        InputFieldType.Count => ((double)(1000 + i), (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        InputFieldType.Percentage => (87.5 + i / 100.0, (87.5m + i / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)),
        InputFieldType.Date => (new DateTime(2026, 1, 5 + i % 20), new DateOnly(2026, 1, 5 + i % 20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        _ => ($"<b>{i}</b>/KH-UBND", $"<b>{i}</b>/KH-UBND"),
    };

    private static byte[] Export(UnitInputKey key, IReadOnlyDictionary<string, string> values)
    {
        using var stream = new MemoryStream();
        InputWorkbook.Write(key, "Sở Thử nghiệm", values, stream);
        return stream.ToArray();
    }


    [Fact]
    public async Task Workbook_ExportedFilledAndImported_RoundTripsEveryField()
    {
        await InputTestData.AddAgencyAsync(Data, "W1");
        var key = new UnitInputKey("W1", ReportKind.Annual, "2026");
        var fields = InputDefinitions.For(key.Kind).Fields;
        var filled = InputWorkbookFilling.Fill(Export(key, new Dictionary<string, string>()), wb =>
        {
            for (var i = 0; i < fields.Count; i++)
            {
                InputWorkbookFilling.Set(InputWorkbookFilling.ValueCell(wb, fields[i].Code), Entry(fields[i], i).Typed);
            }
        });

        var content = InputWorkbook.Read(new MemoryStream(filled));
        Assert.Empty(content.Errors);
        Assert.Equal(key, content.Key);
        Assert.Equal(InputDefinitions.Version, content.DefinitionVersion);
        var outcome = await Store.SaveAsync(content.Key, content.Values, "nguyen.van.a", InputAction.Import, default);
        Assert.True(outcome.Accepted);

        var stored = await Store.ValuesAsync(key, default);
        Assert.Equal(fields.Count, stored.Count);
        for (var i = 0; i < fields.Count; i++)
        {
            Assert.Equal(Entry(fields[i], i).Stored, stored[fields[i].Code]);
        }

        Assert.All(await Store.HistoryAsync(key, default), h => Assert.Equal(("nguyen.van.a", "import"), (h.Author, h.Action)));

        // Exported again, the pre-filled workbook reads back as exactly the stored values: re-import changes nothing.
        var again = InputWorkbook.Read(new MemoryStream(Export(key, stored)));
        Assert.Empty(again.Errors);
        Assert.Equal(stored.OrderBy(v => v.Key), again.Values.Select(v => new KeyValuePair<string, string>(v.Key, v.Value!)).OrderBy(v => v.Key));
        Assert.Empty((await Store.SaveAsync(key, again.Values, "tran.thi.b", InputAction.Import, default)).Changed);
    }

    [Fact]
    public void Workbook_HasHiddenMetadata_SetWidths_TypedCellsAndValidation()
    {
        var key = new UnitInputKey("W2", ReportKind.Quarter, "2026-Q3");
        using var workbook = new XLWorkbook(new MemoryStream(Export(key, new Dictionary<string, string> { ["CQS_VB_DIEN_TU"] = "88.04", ["CD_KE_HOACH_NGAY"] = "2026-02-05" })));
        var meta = workbook.Worksheet(InputWorkbook.MetaSheet);
        Assert.Equal(XLWorksheetVisibility.VeryHidden, meta.Visibility);
        Assert.Equal(["W2", "quarter", "2026-Q3", InputDefinitions.Version], Enumerable.Range(1, 4).Select(r => meta.Cell(r, 2).GetString()));

        var narrative = workbook.Worksheet(InputWorkbook.NarrativeSheet);
        Assert.Equal(100, narrative.Column(5).Width);
        Assert.True(narrative.Cell(InputWorkbook.FirstRow, 5).Style.Alignment.WrapText);
        Assert.Equal(InputDefinitions.For(key.Kind).Narratives.Count(), narrative.RowsUsed().Count(r => r.RowNumber() >= InputWorkbook.FirstRow));

        var rate = InputWorkbookFilling.ValueCell(workbook, "CQS_VB_DIEN_TU");
        Assert.Equal(XLDataType.Number, rate.DataType);
        Assert.Equal(88.04, rate.GetDouble());
        Assert.Equal(XLDataType.DateTime, InputWorkbookFilling.ValueCell(workbook, "CD_KE_HOACH_NGAY").DataType);
        Assert.True(rate.HasDataValidation);
        Assert.Equal(XLAllowedValues.Decimal, rate.DataValidation.AllowedValues);
        Assert.Equal(XLAllowedValues.WholeNumber, InputWorkbookFilling.ValueCell(workbook, "CV_KY_LUAT").DataValidation.AllowedValues);
        Assert.Equal(XLAllowedValues.Date, InputWorkbookFilling.ValueCell(workbook, "CD_KE_HOACH_NGAY").DataValidation.AllowedValues);
        Assert.Equal(XLAllowedValues.TextLength, InputWorkbookFilling.ValueCell(workbook, "III").DataValidation.AllowedValues);
    }

    [Fact]
    public async Task Import_ReportsErrorsWithSheetAndRow_AndStoresNothing()
    {
        await InputTestData.AddAgencyAsync(Data, "W3");
        var key = new UnitInputKey("W3", ReportKind.Quarter, "2026-Q3");
        int countRow = 0, rateRow = 0, extraRow = 0;
        var filled = InputWorkbookFilling.Fill(Export(key, new Dictionary<string, string>()), wb =>
        {
            var count = InputWorkbookFilling.ValueCell(wb, "CD_VAN_BAN_CHI_DAO");
            count.SetValue(-3.0);
            countRow = count.Address.RowNumber;
            var rate = InputWorkbookFilling.ValueCell(wb, "CQS_VB_DIEN_TU");
            rate.SetValue("cao");
            rate.DataType = XLDataType.Text;
            rateRow = rate.Address.RowNumber;
            InputWorkbookFilling.ValueCell(wb, "III").SetValue("Hợp lệ");
            var narrative = wb.Worksheet(InputWorkbook.NarrativeSheet);
            extraRow = narrative.LastRowUsed()!.RowNumber() + 1;
            narrative.Cell(extraRow, 1).SetValue("II.9");
            narrative.Cell(extraRow, 5).SetValue("Mục không có");
        });

        var content = InputWorkbook.Read(new MemoryStream(filled));

        Assert.Equal(
            [
                (InputWorkbook.IndicatorSheet, countRow, "CD_VAN_BAN_CHI_DAO", ErrorCodes.InputNegative),
                (InputWorkbook.IndicatorSheet, rateRow, "CQS_VB_DIEN_TU", ErrorCodes.InputNotPercent),
                (InputWorkbook.NarrativeSheet, extraRow, "II.9", ErrorCodes.InputUnknownField),
            ],
            content.Errors.Select(e => (e.Sheet!, e.Row!.Value, e.FieldCode, e.Code)).OrderBy(e => e.Item4 == ErrorCodes.InputUnknownField).ThenBy(e => e.Item2));
        Assert.StartsWith($"{InputWorkbook.IndicatorSheet}, dòng {countRow}, CD_VAN_BAN_CHI_DAO", content.Errors.Single(e => e.FieldCode == "CD_VAN_BAN_CHI_DAO").ToString(), StringComparison.Ordinal);
        Assert.Empty(await Store.ValuesAsync(key, default));
    }

    [Fact]
    public void Import_ReadsAPercentTypedWithExcelsPercentFormat_AsPercentPoints()
    {
        var key = new UnitInputKey("W4", ReportKind.Quarter, "2026-Q3");
        var filled = InputWorkbookFilling.Fill(Export(key, new Dictionary<string, string>()), wb =>
        {
            var cell = InputWorkbookFilling.ValueCell(wb, "CQS_VB_DIEN_TU");
            cell.SetValue(0.8804);
            cell.Style.NumberFormat.Format = "0.00%";
        });
        Assert.Equal("88.04", InputWorkbook.Read(new MemoryStream(filled)).Values["CQS_VB_DIEN_TU"]);
    }

    [Fact]
    public async Task Import_OfAClearedCell_ClearsTheField_AndOnlyChangedFieldsMakeHistory()
    {
        await InputTestData.AddAgencyAsync(Data, "W5");
        var key = new UnitInputKey("W5", ReportKind.Quarter, "2026-Q3");
        await Store.SaveAsync(key, new Dictionary<string, string?> { ["III"] = "Cũ.", ["IV"] = "Giữ nguyên.", ["CV_KY_LUAT"] = "2" }, "a", InputAction.Edit, default);
        var filled = InputWorkbookFilling.Fill(Export(key, await Store.ValuesAsync(key, default)), wb =>
        {
            InputWorkbookFilling.ValueCell(wb, "III").Clear(XLClearOptions.Contents);
            InputWorkbookFilling.ValueCell(wb, "CV_KY_LUAT").SetValue(3.0);
        });
        var content = InputWorkbook.Read(new MemoryStream(filled));
        var outcome = await Store.SaveAsync(key, content.Values, "b", InputAction.Import, default);
        Assert.Equal(["CV_KY_LUAT", "III"], outcome.Changed.Order(StringComparer.Ordinal));
        Assert.Equal(["CV_KY_LUAT", "IV"], (await Store.ValuesAsync(key, default)).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(5, (await Store.HistoryAsync(key, default)).Count);
    }

    [Fact]
    public async Task Cli_ExportImportShow_WorkEndToEnd_AndRefuseABadWorkbookWithItsErrors()
    {
        await InputTestData.AddAgencyAsync(Data, "W6", "Ủy ban nhân dân xã Vĩnh Hòa", kind: "commune");
        var dir = Directory.CreateTempSubdirectory("inputs-cli-");
        try
        {
            var file = Path.Combine(dir.FullName, "W6.xlsx");
            var (code, output, _) = await RunAsync(dir.FullName, "inputs", "export", "--unit", "W6", "--kind", "quarter", "--period", "2026-Q3", "--out", file);
            Assert.Equal(0, code);
            Assert.Contains(file, output, StringComparison.Ordinal);

            File.WriteAllBytes(file, InputWorkbookFilling.Fill(File.ReadAllBytes(file), wb =>
            {
                InputWorkbookFilling.Set(InputWorkbookFilling.ValueCell(wb, "III"), InputTestData.Markup);
                InputWorkbookFilling.ValueCell(wb, "CD_VAN_BAN_CHI_DAO").SetValue(4.0);
            }));
            (code, output, _) = await RunAsync(dir.FullName, "inputs", "import", file, "--author", "nguyen.van.a");
            Assert.Equal(0, code);
            Assert.Contains("2 trường thay đổi", output, StringComparison.Ordinal);
            Assert.Contains("Còn thiếu (bắt buộc): I.2", output, StringComparison.Ordinal);

            (code, output, _) = await RunAsync(dir.FullName, "inputs", "show", "--unit", "W6", "--period", "2026-Q3");
            Assert.Equal(0, code);
            Assert.Contains(InputTestData.Markup, output, StringComparison.Ordinal);
            Assert.Contains("nguyen.van.a", output, StringComparison.Ordinal);
            Assert.Contains("Còn thiếu (bắt buộc): I.2 Tổ chức, chỉ đạo, điều hành", output, StringComparison.Ordinal);

            File.WriteAllBytes(file, InputWorkbookFilling.Fill(File.ReadAllBytes(file), wb => InputWorkbookFilling.ValueCell(wb, "CQS_VB_DIEN_TU").SetValue(120.0)));
            (code, _, var error) = await RunAsync(dir.FullName, "inputs", "import", file, "--author", "nguyen.van.a");
            Assert.Equal(1, code);
            Assert.Contains($"[{ErrorCodes.InputPercentOutOfRange}]", error, StringComparison.Ordinal);
            Assert.Contains($"lỗi [{ErrorCodes.InputRejected}]", error, StringComparison.Ordinal);
            Assert.Contains(InputWorkbook.IndicatorSheet, error, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(string dataDirectory, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Warehouse"] = fixture.Database.ConnectionString,
            ["Reporting:DataDirectory"] = dataDirectory,
        }).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await VerbTable.RunAsync(args, output, error, configuration);
        return (code, output.ToString(), error.ToString());
    }
}
