using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Reporting.Templates.Pdf;

/// <summary>What the PDF's Info dictionary says: title, author (the issuing body), subject, keywords (period, unit).</summary>
public sealed record PdfMetadata(string Title, string Author, string Subject, string Keywords);

/// <summary>
/// Writes the Info dictionary into Chromium's PDF as an incremental update (PDF 1.4 §3.4.5): the printed bytes stay
/// as they are, a new Info object, a one-entry cross-reference section and a trailer (/Prev → Chromium's) are
/// appended. Nothing is parsed or re-encoded but the last trailer, so it costs microseconds whatever the size;
/// the creation and modification dates Chromium wrote are kept.
/// </summary>
public static partial class PdfInfoWriter
{
    public static byte[] WithInfo(byte[] pdf, PdfMetadata metadata)
    {
        var tail = Encoding.Latin1.GetString(pdf, Math.Max(0, pdf.Length - 4096), Math.Min(pdf.Length, 4096));
        var trailerAt = tail.LastIndexOf("trailer", StringComparison.Ordinal);
        var startXrefAt = tail.LastIndexOf("startxref", StringComparison.Ordinal);
        if (trailerAt < 0 || startXrefAt < trailerAt)
        {
            throw new InvalidOperationException("Tệp PDF của Chromium không có trailer cổ điển (trailer … startxref) ở cuối tệp.");
        }

        var trailer = tail[trailerAt..startXrefAt];
        var size = long.Parse(Required(SizePattern().Match(trailer), "/Size").Groups[1].Value, CultureInfo.InvariantCulture);
        var root = Required(RootPattern().Match(trailer), "/Root").Value;
        var id = IdPattern().Match(trailer);
        var prev = Required(DigitsPattern().Match(tail, startXrefAt + "startxref".Length), "startxref").Value;

        // The dates Chromium wrote in its own Info (near the start of the file).
        var head = Encoding.Latin1.GetString(pdf, 0, Math.Min(pdf.Length, 4096));
        var created = CreationDatePattern().Match(head);
        var modified = ModDatePattern().Match(head);

        var update = new StringBuilder();
        if (pdf.Length > 0 && pdf[^1] != '\n')
        {
            update.Append('\n');
        }

        var objectOffset = pdf.Length + update.Length;
        update.Append(CultureInfo.InvariantCulture, $"{size} 0 obj\n<</Title {Text(metadata.Title)}\n/Author {Text(metadata.Author)}\n/Subject {Text(metadata.Subject)}\n/Keywords {Text(metadata.Keywords)}\n/Creator (Reporting)\n/Producer (Reporting \\(Chromium\\))");
        if (created.Success)
        {
            update.Append('\n').Append(created.Value);
        }

        if (modified.Success)
        {
            update.Append('\n').Append(modified.Value);
        }

        update.Append(">>\nendobj\n");
        var xrefOffset = pdf.Length + update.Length;
        update.Append(CultureInfo.InvariantCulture, $"xref\n{size} 1\n{objectOffset:D10} 00000 n\r\n");
        update.Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {size + 1}\n{root}\n/Info {size} 0 R");
        if (id.Success)
        {
            update.Append('\n').Append(id.Value);
        }

        update.Append(CultureInfo.InvariantCulture, $"\n/Prev {prev}>>\nstartxref\n{xrefOffset}\n%%EOF\n");

        // Everything appended is ASCII (text strings are hex), so one byte per character and offsets hold.
        var appended = Encoding.ASCII.GetBytes(update.ToString());
        var result = new byte[pdf.Length + appended.Length];
        pdf.CopyTo(result, 0);
        appended.CopyTo(result, pdf.Length);
        return result;
    }

    /// <summary>A PDF text string in UTF-16BE with its byte order mark, written in hex (Vietnamese needs it).</summary>
    private static string Text(string value) => "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(value)) + ">";

    private static Match Required(Match match, string what) =>
        match.Success ? match : throw new InvalidOperationException($"Trailer của tệp PDF thiếu {what}.");

    [GeneratedRegex(@"/Size\s+(\d+)")]
    private static partial Regex SizePattern();

    [GeneratedRegex(@"/Root\s+\d+\s+\d+\s+R")]
    private static partial Regex RootPattern();

    [GeneratedRegex(@"/ID\s*\[[^\]]*\]")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"\d+")]
    private static partial Regex DigitsPattern();

    [GeneratedRegex(@"/CreationDate\s*\(D:[0-9+\-Z']*\)")]
    private static partial Regex CreationDatePattern();

    [GeneratedRegex(@"/ModDate\s*\(D:[0-9+\-Z']*\)")]
    private static partial Regex ModDatePattern();
}
