using System.Globalization;
using ClosedXML.Excel;
using Reporting.Worker.Calendar;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Inputs;

/// <summary>
/// The input workbook a unit downloads, fills and uploads (ClosedXML 0.95.4; widths are set, never fitted):
/// sheet "Nội dung" has one row per narrative section (code, label, required, help, a wrapped value cell); sheet
/// "Chỉ tiêu" one row per indicator with a typed value cell and Excel data validation; the very hidden sheet
/// "_meta" names the unit, kind, period and definition version. Current values are pre-filled. Reading it back
/// validates every value with the same rules as the web form and reports errors with sheet and row.
/// </summary>
public static partial class InputWorkbook
{
    public const string NarrativeSheet = "Nội dung";
    public const string IndicatorSheet = "Chỉ tiêu";
    public const string MetaSheet = "_meta";

    /// <summary>First data row on both sheets (rows 1–3: title, instructions, headers).</summary>
    public const int FirstRow = 4;

    private const int NarrativeValueColumn = 5;
    private const int IndicatorValueColumn = 7;

    public static void Write(UnitInputKey key, string unitName, IReadOnlyDictionary<string, string> values, Stream output)
    {
        var definition = InputDefinitions.For(key.Kind);
        var period = key.Period;
        using var workbook = new XLWorkbook();
        var title = $"SỔ NHẬP LIỆU CẢI CÁCH HÀNH CHÍNH: {unitName} ({key.UnitCode}), {period.Label}";

        var narrative = workbook.AddWorksheet(NarrativeSheet);
        Heading(narrative, title,
            "Nhập nội dung vào cột \"Nội dung đơn vị nhập\". Mỗi dòng là một đoạn; dòng bắt đầu bằng \"- \" là một ý gạch đầu dòng. " +
            "Không dùng định dạng hay mã HTML: nội dung được in đúng như đã nhập.",
            ["Mã", "Mục", "Bắt buộc", "Hướng dẫn", "Nội dung đơn vị nhập"], [8, 34, 10, 46, 100]);
        var row = FirstRow;
        foreach (var field in definition.Narratives)
        {
            Describe(narrative, row, [field.Code, field.Label, field.IsRequired(key.Kind) ? "Có" : "Không", field.Help]);
            var cell = narrative.Cell(row, NarrativeValueColumn);
            cell.Style.NumberFormat.Format = "@";
            cell.Style.Alignment.WrapText = true;
            cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
            if (values.TryGetValue(field.Code, out var text))
            {
                cell.SetValue(text);
                cell.DataType = XLDataType.Text;
            }

            var rule = cell.SetDataValidation();
            rule.TextLength.EqualOrLessThan(field.MaxLength);
            Messages(rule, field);
            narrative.Row(row).Height = 110;
            row++;
        }

        var indicators = workbook.AddWorksheet(IndicatorSheet);
        Heading(indicators, title,
            "Nhập giá trị vào cột \"Giá trị\": số nguyên không âm; tỷ lệ % từ 0 đến 100 (ví dụ 88,04); ngày dạng dd/mm/yyyy.",
            ["Mã", "Nhóm", "Chỉ tiêu", "Đơn vị tính", "Kiểu", "Bắt buộc", "Giá trị", "Hướng dẫn"], [26, 30, 52, 14, 24, 10, 18, 60]);
        row = FirstRow;
        foreach (var field in definition.Indicators)
        {
            Describe(indicators, row, [field.Code, field.Group, field.Label, field.UnitOfMeasure, field.TypeLabel,
                field.IsRequired(key.Kind) ? "Có" : "Không"]);
            indicators.Cell(row, 8).SetValue(field.Help);
            indicators.Cell(row, 8).Style.Alignment.WrapText = true;
            WriteIndicatorCell(indicators.Cell(row, IndicatorValueColumn), field, values.GetValueOrDefault(field.Code));
            row++;
        }

        var meta = workbook.AddWorksheet(MetaSheet);
        string[][] facts =
        [
            ["unit", key.UnitCode], ["kind", key.KindName], ["period", key.PeriodCode],
            ["definition_version", definition.Version], ["unit_name", unitName],
        ];
        for (var i = 0; i < facts.Length; i++)
        {
            meta.Cell(i + 1, 1).SetValue(facts[i][0]);
            meta.Cell(i + 1, 2).SetValue(facts[i][1]);
            meta.Cell(i + 1, 2).DataType = XLDataType.Text;
        }

        meta.Column(1).Width = 22;
        meta.Column(2).Width = 40;
        meta.Visibility = XLWorksheetVisibility.VeryHidden;
        narrative.SetTabActive();
        workbook.SaveAs(output);
    }

    private static void WriteIndicatorCell(IXLCell cell, InputField field, string? canonical)
    {
        var rule = cell.SetDataValidation();
        switch (field.Type)
        {
            case InputFieldType.Count:
                cell.Style.NumberFormat.Format = "#,##0";
                if (canonical is not null)
                {
                    cell.SetValue(long.Parse(canonical, CultureInfo.InvariantCulture));
                }

                rule.WholeNumber.Between(0, (int)InputField.MaxCount);
                break;
            case InputFieldType.Percentage:
                cell.Style.NumberFormat.Format = "0.00";
                if (canonical is not null)
                {
                    cell.SetValue(double.Parse(canonical, CultureInfo.InvariantCulture));
                }

                rule.Decimal.Between(0, 100);
                break;
            case InputFieldType.Date:
                cell.Style.NumberFormat.Format = "dd/mm/yyyy";
                if (canonical is not null)
                {
                    cell.SetValue(DateTime.ParseExact(canonical, "yyyy-MM-dd", CultureInfo.InvariantCulture));
                }

                rule.Date.Between(InputValidator.EarliestDate.ToDateTime(TimeOnly.MinValue), InputValidator.LatestDate.ToDateTime(TimeOnly.MinValue));
                break;
            default:
                cell.Style.NumberFormat.Format = "@";
                if (canonical is not null)
                {
                    cell.SetValue(canonical);
                    cell.DataType = XLDataType.Text;
                }

                rule.TextLength.EqualOrLessThan(field.MaxLength);
                break;
        }

        Messages(rule, field);
    }

    private static void Messages(IXLDataValidation rule, InputField field)
    {
        rule.ShowErrorMessage = true;
        rule.ErrorStyle = XLErrorStyle.Stop;
        rule.ErrorTitle = "Giá trị không hợp lệ";
        rule.ErrorMessage = Clip($"{field.Label}: {field.TypeLabel}.");
        rule.ShowInputMessage = true;
        rule.InputTitle = Clip(field.Code, 32);
        rule.InputMessage = Clip(field.Help);
    }

    /// <summary>Excel caps validation prompts at 255 characters (titles at 32).</summary>
    private static string Clip(string text, int max = 255) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static void Heading(IXLWorksheet sheet, string title, string instructions, string[] headers, double[] widths)
    {
        sheet.Cell(1, 1).SetValue(title);
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(2, 1).SetValue(instructions);
        sheet.Cell(2, 1).Style.Font.Italic = true;
        for (var c = 0; c < headers.Length; c++)
        {
            var cell = sheet.Cell(FirstRow - 1, c + 1);
            cell.SetValue(headers[c]);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.LightGray;
            cell.Style.Alignment.WrapText = true;
            sheet.Column(c + 1).Width = widths[c];
        }

        sheet.SheetView.FreezeRows(FirstRow - 1);
    }

    private static void Describe(IXLWorksheet sheet, int row, string[] texts)
    {
        for (var c = 0; c < texts.Length; c++)
        {
            var cell = sheet.Cell(row, c + 1);
            cell.SetValue(texts[c]);
            cell.DataType = XLDataType.Text;
            cell.Style.Alignment.WrapText = true;
            cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        }
    }
}

/// <summary>What a filled workbook says: whose inputs, the definition version it was made from, values and errors.</summary>
public sealed record InputWorkbookContent(UnitInputKey Key, string DefinitionVersion, IReadOnlyDictionary<string, string?> Values, IReadOnlyList<InputError> Errors);
