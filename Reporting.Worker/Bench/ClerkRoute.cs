using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Reporting.Templates.Excel;
using ReportModel = Reporting.Templates.Model.ReportModel;

namespace Reporting.Worker.Bench;

/// <summary>
/// The route a clerk takes without the system, done by a machine at full speed: the report's text typed into a
/// .docx and the figures into an .xlsx, then both converted by <c>libreoffice --headless --convert-to pdf</c> with a
/// private profile (warmed once, so the first-start cost is not counted against it). No signature, no archive:
/// the baseline is flattered on purpose.
/// </summary>
public sealed partial class ClerkRoute(string workDirectory)
{
    private readonly string _profile = Path.Combine(workDirectory, "lo-profile");

    public static string Office => Environment.GetEnvironmentVariable("REPORTING_LIBREOFFICE") is { Length: > 0 } p ? p : "/usr/bin/libreoffice";

    /// <summary>Fills both files and converts them; returns the PDFs' total size.</summary>
    public async Task<long> RunAsync(ReportModel model, IReadOnlyList<string> html, int round, CancellationToken ct)
    {
        var dir = Path.Combine(workDirectory, $"round-{round}");
        Directory.CreateDirectory(dir);
        var docx = Path.Combine(dir, "baocao.docx");
        var xlsx = Path.Combine(dir, "bieu.xlsx");
        WriteDocx(docx, html);
        await File.WriteAllBytesAsync(xlsx, WorkbookWriter.Write(model), ct);
        await BenchKit.RunToolAsync(BenchKit.StartInfo(Office,
            ["--headless", "--norestore", $"-env:UserInstallation=file://{_profile}", "--convert-to", "pdf", "--outdir", dir, docx, xlsx]),
            TimeSpan.FromMinutes(5), ct);
        var pdfs = new[] { "baocao.pdf", "bieu.pdf" }.Select(f => new FileInfo(Path.Combine(dir, f))).ToList();
        if (pdfs.Any(f => !f.Exists || f.Length == 0))
        {
            throw new Diagnostics.ReportingException(Diagnostics.ErrorCodes.BenchToolFailed, $"LibreOffice không tạo được PDF trong {dir}.");
        }

        return pdfs.Sum(f => f.Length);
    }

    /// <summary>One paragraph per block of the report's HTML (text only; table rows as tab-separated lines).</summary>
    public static void WriteDocx(string path, IReadOnlyList<string> html)
    {
        using var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        var body = new Body();
        foreach (var part in html)
        {
            var text = Style().Replace(part, "");
            text = Cell().Replace(text, "\t");
            text = Block().Replace(text, "\n");
            text = WebUtility.HtmlDecode(Tag().Replace(text, ""));
            foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
            {
                body.Append(new Paragraph(new Run(new Text(line) { Space = SpaceProcessingModeValues.Preserve })));
            }

            body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
        }

        main.Document = new Document(body);
        main.Document.Save();
    }

    [GeneratedRegex(@"<(style|script|head)[^>]*>.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Style();

    [GeneratedRegex(@"</t[dh]>", RegexOptions.IgnoreCase)]
    private static partial Regex Cell();

    [GeneratedRegex(@"<br\s*/?>|</(p|div|tr|h\d|li|table|section)>", RegexOptions.IgnoreCase)]
    private static partial Regex Block();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();
}
