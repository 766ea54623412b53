using ClosedXML.Excel;
using Reporting.Templates.Model;

namespace Reporting.Templates.Excel;

/// <summary>
/// The statistical workbook: one sheet per official form (TTHC by unit for the consolidated report, TTHC by field,
/// ranking, plan tasks, feedback, online services, excluded dossiers), then the streamed overdue list if any.
/// Column widths are set explicitly (AdjustToContents is unreliable on Linux).
/// </summary>
public static class WorkbookWriter
{
    public static byte[] Write(ReportModel model)
    {
        using var output = new MemoryStream();
        Write(model, output);
        return output.ToArray();
    }

    /// <summary>
    /// Writes the workbook to <paramref name="output"/> (which may be forward-only, e.g. a file): the form sheets
    /// through ClosedXML into a small buffer, then the zip is written once, forward, with the overdue list streamed in
    /// (<see cref="OverdueListWriter"/>). <see cref="ReportModel.OverdueDossiers"/> is enumerated once.
    /// </summary>
    public static void Write(ReportModel model, Stream output)
    {
        using var stream = new MemoryStream();
        using (var wb = new XLWorkbook())
        {
            wb.Properties.Title = Formatting.VietnameseFormat.Nfc($"{model.Header.DocumentType} {model.Header.Summary}");
            wb.Properties.Author = model.Header.Issuer.Body.Replace('\n', ' ');
            wb.Properties.Subject = $"Số liệu CCHC {model.Period.Label} - {model.Unit.Name}";
            wb.Properties.Keywords = $"{model.Period.Code}; {model.Unit.Code}; {model.TemplateVersion}";
            wb.Properties.Company = model.Header.Issuer.ParentBody ?? model.Header.Issuer.Body.Replace('\n', ' ');
            wb.Properties.Created = model.Period.DataAsOf.DateTime;
            wb.Style.Font.FontName = SheetStyle.Font;

            if (model.TthcByUnit is { } byUnit)
            {
                TthcSheet.Write(wb.Worksheets.Add("TTHC theo đơn vị"), model, byUnit);
            }

            TthcSheet.Write(wb.Worksheets.Add("TTHC theo lĩnh vực"), model, model.TthcByField);
            if (model.Ranking.Count > 0)
            {
                IndicatorSheet.Ranking(wb.Worksheets.Add("Xếp hạng"), model);
            }

            var p = model.PlanTasks;
            IndicatorSheet.Write(wb.Worksheets.Add("Nhiệm vụ CCHC"), model, "Kết quả thực hiện nhiệm vụ cải cách hành chính",
            [
                new("Số nhiệm vụ đến hạn trong kỳ", p.Due, null),
                new("Số nhiệm vụ đã hoàn thành", null, p.CompletionRate),
                new("Số nhiệm vụ hoàn thành đúng hạn", p.CompletedOnTime, null),
            ]);
            var f = model.Feedback;
            IndicatorSheet.Write(wb.Worksheets.Add("Phản ánh kiến nghị"), model, "Tiếp nhận, xử lý phản ánh, kiến nghị",
            [
                new("Số phản ánh, kiến nghị tiếp nhận", f.Received, null),
                new("Số phản ánh, kiến nghị đã xử lý", null, f.HandledRate),
                new("Số đã xử lý đúng hạn", f.HandledOnTime, null),
                new("Số đang xử lý", f.Pending, null),
            ]);
            var s = model.Services;
            IndicatorSheet.Write(wb.Worksheets.Add("Dịch vụ công trực tuyến"), model, "Dịch vụ công trực tuyến, thanh toán trực tuyến, số hóa",
            [
                new("Tổng số thủ tục hành chính", s.ProceduresTotal, null),
                new("Dịch vụ công trực tuyến toàn trình", s.ProceduresFullOnline, null),
                new("Dịch vụ công trực tuyến một phần", s.ProceduresPartialOnline, null),
                new("Hồ sơ tiếp nhận trực tuyến", null, s.OnlineShare),
                new("Hồ sơ thanh toán trực tuyến", null, s.OnlinePayment),
                new("Hồ sơ được số hóa kết quả", null, s.DigitisedResults),
                new("Hồ sơ đúng hạn theo Quyết định 766/QĐ-TTg", null, s.Decision766OnTime),
            ]);
            if (model.Indicators.Count > 0)
            {
                IndicatorSheet.UnitIndicators(wb.Worksheets.Add("Số liệu CCHC"), model);
            }

            IndicatorSheet.DataQuality(wb.Worksheets.Add("Dữ liệu loại trừ"), model);
            wb.SaveAs(stream);
        }

        stream.Position = 0;
        OverdueListWriter.Write(stream, output, model.OverdueDossiers);
    }
}
