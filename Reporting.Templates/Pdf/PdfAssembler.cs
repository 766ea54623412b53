using UglyToad.PdfPig.Writer;

namespace Reporting.Templates.Pdf;

/// <summary>What the PDF's Info dictionary says: title, author (the issuing body), subject, keywords (period, unit).</summary>
public sealed record PdfMetadata(string Title, string Author, string Subject, string Keywords);

/// <summary>
/// Joins the report and its appendices (each printed separately so that each has its own page numbering) into one
/// file and writes the Info dictionary, with PdfPig's merger (Apache-2.0). Fonts and pages are copied as they are.
/// </summary>
public static class PdfAssembler
{
    public static byte[] Assemble(IReadOnlyList<byte[]> parts, PdfMetadata metadata)
    {
        var info = new PdfDocumentBuilder.DocumentInformationBuilder
        {
            Title = metadata.Title,
            Author = metadata.Author,
            Subject = metadata.Subject,
            Keywords = metadata.Keywords,
            Creator = "Reporting",
            Producer = "Reporting (Chromium, PdfPig)",
        };
        return PdfMerger.Merge(parts, null, PdfAStandard.None, info);
    }
}
