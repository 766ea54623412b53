using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using Reporting.Templates.Model;
using Reporting.Templates.Rendering;

namespace Reporting.Worker.Pipeline.StandIns;

/// <summary>
/// STAND-IN for the render stage (branch <c>templates</c> replaces it): a one-page PDF 1.4 written by hand (ASCII
/// text with the document number, unit, period and count) and a one-sheet workbook. Deterministic: the same
/// model gives the same bytes. <c>StandIns:RenderDelayMs</c> simulates a slow render (tests of long jobs).
/// </summary>
public sealed class MinimalRenderer(int delayMs = 0) : IReportRenderer
{
    public async Task<RenderedReport> RenderAsync(ReportModel model, CancellationToken cancellationToken)
    {
        if (delayMs > 0)
        {
            await Task.Delay(delayMs, cancellationToken);
        }

        var number = model.Header.DocumentNumber is int n ? $"{n:00}/BC-{model.Header.Issuer.Symbol}" : "(chua cap so)";
        var lines = new[]
        {
            $"So: {number}",
            $"Ngay {model.Header.IssueDate:dd/MM/yyyy}",
            $"Don vi: {model.Unit.Code} - {model.Unit.Name}",
            $"Ky: {model.Period.Code} ({model.Period.Label})",
            $"Ho so tiep nhan: {model.TthcByField.Total.ReceivedNew.ToString(CultureInfo.InvariantCulture)}",
            $"Mau: {model.TemplateVersion} (ban tam, chua co mau chinh thuc)",
        };
        return new RenderedReport(Pdf(lines.Select(Ascii).ToArray()), Workbook(model, number));
    }

    private static byte[] Pdf(string[] lines)
    {
        var content = new StringBuilder("BT /F1 12 Tf 50 780 Td 16 TL\n");
        foreach (var line in lines)
        {
            content.Append('(').Append(line.Replace("\\", "\\\\").Replace("(", "\\(").Replace(")", "\\)")).Append(") '\n");
        }

        content.Append("ET");
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:0000000000} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private static byte[] Workbook(ReportModel model, string number)
    {
        using var book = new XLWorkbook();
        var sheet = book.AddWorksheet("BaoCao");
        sheet.Cell(1, 1).Value = "Số";
        sheet.Cell(1, 2).Value = number;
        sheet.Cell(2, 1).Value = "Đơn vị";
        sheet.Cell(2, 2).Value = model.Unit.Name;
        sheet.Cell(3, 1).Value = "Kỳ";
        sheet.Cell(3, 2).Value = model.Period.Label;
        sheet.Cell(4, 1).Value = "Hồ sơ tiếp nhận";
        sheet.Cell(4, 2).Value = model.TthcByField.Total.ReceivedNew;
        sheet.Column(1).Width = 20;
        sheet.Column(2).Width = 50;
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    private static string Ascii(string text)
    {
        var folded = new StringBuilder();
        foreach (var ch in text.Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark && ch < 128)
            {
                folded.Append(ch);
            }
        }

        return folded.ToString();
    }
}
