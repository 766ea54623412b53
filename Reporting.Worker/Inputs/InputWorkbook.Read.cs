using System.Globalization;
using ClosedXML.Excel;
using Reporting.Worker.Calendar;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Inputs;

/// <summary>Reading a filled input workbook back (see InputWorkbook.cs for its layout).</summary>
public static partial class InputWorkbook
{
    /// <summary>
    /// Reads a filled workbook: its key (from "_meta") and, per field row, the canonical value (null = cleared);
    /// invalid values, unknown or repeated codes come back as errors with sheet and row.
    /// </summary>
    public static InputWorkbookContent Read(Stream input)
    {
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(input);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ReportingException(ErrorCodes.InputWorkbookInvalid, $"Không đọc được tệp Excel: {ex.Message}", ex);
        }

        using (workbook)
        {
            if (!workbook.TryGetWorksheet(MetaSheet, out var meta)
                || !workbook.TryGetWorksheet(NarrativeSheet, out var narrative)
                || !workbook.TryGetWorksheet(IndicatorSheet, out var indicators))
            {
                throw new ReportingException(ErrorCodes.InputWorkbookInvalid,
                    $"Tệp không phải sổ nhập liệu của hệ thống (thiếu trang '{NarrativeSheet}', '{IndicatorSheet}' hoặc thông tin ẩn). Hãy tải lại sổ bằng 'inputs export'.");
            }

            var facts = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var r in Enumerable.Range(1, 20))
            {
                var name = meta.Cell(r, 1).GetString().Trim();
                if (name.Length > 0)
                {
                    facts[name] = meta.Cell(r, 2).GetString().Trim();
                }
            }

            string Fact(string name) => facts.TryGetValue(name, out var v) && v.Length > 0 ? v
                : throw new ReportingException(ErrorCodes.InputWorkbookInvalid, $"Sổ nhập liệu thiếu thông tin ẩn '{name}'. Hãy tải lại sổ bằng 'inputs export'.");
            var key = UnitInputKey.Create(Fact("unit"), Period.ParseKind(Fact("kind")), Fact("period"));

            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            var errors = new List<InputError>();
            ReadRows(narrative, NarrativeValueColumn, narrativeSheet: true, values, errors);
            ReadRows(indicators, IndicatorValueColumn, narrativeSheet: false, values, errors);
            return new InputWorkbookContent(key, Fact("definition_version"), values, errors);
        }
    }

    private static void ReadRows(IXLWorksheet sheet, int valueColumn, bool narrativeSheet, Dictionary<string, string?> values, List<InputError> errors)
    {
        var last = sheet.LastRowUsed()?.RowNumber() ?? 0;
        for (var row = FirstRow; row <= last; row++)
        {
            var code = sheet.Cell(row, 1).GetString().Trim();
            if (code.Length == 0)
            {
                continue;
            }

            var field = InputDefinitions.Find(code);
            if (field is null || field.IsNarrative != narrativeSheet)
            {
                errors.Add(InputValidator.UnknownField(code) with { Sheet = sheet.Name, Row = row });
                continue;
            }

            if (values.ContainsKey(code))
            {
                errors.Add(new InputError(code, ErrorCodes.InputDuplicateField, $"Mã '{code}' xuất hiện nhiều lần trong sổ.", sheet.Name, row));
                continue;
            }

            var error = InputValidator.Normalise(field, CellText(sheet.Cell(row, valueColumn), field), out var canonical);
            if (error is not null)
            {
                errors.Add(error with { Sheet = sheet.Name, Row = row });
                continue;
            }

            values[code] = canonical;
        }
    }

    /// <summary>A cell as the text the validator reads: typed numbers and dates are turned into their plain form.</summary>
    private static string? CellText(IXLCell cell, InputField field)
    {
        if (cell.IsEmpty())
        {
            return null;
        }

        switch (cell.DataType)
        {
            case XLDataType.Number:
                var number = cell.GetDouble();
                if (field.Type == InputFieldType.Date)
                {
                    return DateTime.FromOADate(number).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                }

                if (field.Type == InputFieldType.Percentage && cell.Style.NumberFormat.Format.Contains('%', StringComparison.Ordinal))
                {
                    number *= 100;
                }

                return Math.Abs(number) < 1e15
                    ? Math.Round((decimal)number, 10).ToString(CultureInfo.InvariantCulture)
                    : number.ToString("R", CultureInfo.InvariantCulture);
            case XLDataType.DateTime:
                return cell.GetDateTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            default:
                return cell.GetString();
        }
    }
}
