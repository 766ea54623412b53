using System.Globalization;
using System.Text;
using Reporting.Worker.Diagnostics;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Tokens;

namespace Reporting.Worker.Sign;

/// <summary>
/// What an incremental update needs to know about the last revision of a PDF: the catalog and the first page
/// (numbers and dictionaries), the trailer's /Size, /Info and /ID, the offset of the last cross-reference section
/// and any existing /AcroForm. PdfPig reads classic xref tables, xref streams and object streams alike, so a file
/// already signed by someone else's tool parses the same way as Chromium's PDF 1.4.
/// </summary>
internal sealed class PdfRevision
{
    private PdfRevision() { }

    public required IndirectReference CatalogRef { get; init; }

    public required DictionaryToken Catalog { get; init; }

    public required IndirectReference PageRef { get; init; }

    public required DictionaryToken Page { get; init; }

    /// <summary>The existing /Annots of page 1, resolved (empty if none).</summary>
    public required IReadOnlyList<IToken> PageAnnots { get; init; }

    /// <summary>The existing /AcroForm, resolved (null if none), and its object number if it was indirect.</summary>
    public required DictionaryToken? AcroForm { get; init; }

    public required IndirectReference? AcroFormRef { get; init; }

    /// <summary>The existing /Fields of the form, resolved (empty if none).</summary>
    public required IReadOnlyList<IToken> Fields { get; init; }

    public required long Size { get; init; }

    public required IToken? Info { get; init; }

    public required IToken? Id { get; init; }

    public required long LastXrefOffset { get; init; }

    public static PdfRevision Read(byte[] pdf)
    {
        var startXref = FindStartXref(pdf);
        try
        {
            // Strict first; a file some other tool wrote loosely gets PdfPig's lenient reading.
            using var document = Open(pdf);
            var structure = document.Structure;
            var catalog = structure.Catalog.CatalogDictionary;
            var trailer = structure.Trailer;
            var catalogRef = trailer.Root;

            var pagesRef = ((IndirectReferenceToken)catalog.Data[NameToken.Pages]).Data;
            var (pageRef, page) = FirstPage(structure, pagesRef);

            var annots = page.Data.TryGetValue("Annots", out var a) ? ResolveArray(structure, a) : [];
            DictionaryToken? acroForm = null;
            IndirectReference? acroFormRef = null;
            if (catalog.Data.TryGetValue("AcroForm", out var af))
            {
                if (af is IndirectReferenceToken r)
                {
                    acroFormRef = r.Data;
                }

                acroForm = Resolve(structure, af) as DictionaryToken;
            }

            var fields = acroForm is not null && acroForm.Data.TryGetValue("Fields", out var f) ? ResolveArray(structure, f) : [];
            return new PdfRevision
            {
                CatalogRef = catalogRef,
                Catalog = catalog,
                PageRef = pageRef,
                Page = page,
                PageAnnots = annots,
                AcroForm = acroForm,
                AcroFormRef = acroFormRef,
                Fields = fields,
                // A loosely written file may under-state /Size: never reuse an object number that exists.
                Size = Math.Max(trailer.Size, structure.CrossReferenceTable.ObjectOffsets.Keys.Select(k => k.ObjectNumber + 1).DefaultIfEmpty(0).Max()),
                Info = trailer.Info,
                Id = trailer.Identifier is { Count: 2 } id ? new ArrayToken(id.Cast<IToken>().ToList()) : null,
                LastXrefOffset = startXref,
            };
        }
        catch (Exception ex) when (ex is not ReportingException)
        {
            throw new ReportingException(ErrorCodes.SignPdfUnreadable, $"Không đọc được cấu trúc tệp PDF để ký: {ex.Message}", ex);
        }
    }

    private static PdfDocument Open(byte[] pdf)
    {
        try
        {
            return PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = false });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = true });
        }
    }

    /// <summary>The offset after the last "startxref" keyword: where the newest cross-reference section starts.</summary>
    internal static long FindStartXref(byte[] pdf)
    {
        var tail = Math.Max(0, pdf.Length - 2048);
        var text = Encoding.Latin1.GetString(pdf, tail, pdf.Length - tail);
        var at = text.LastIndexOf("startxref", StringComparison.Ordinal);
        if (at < 0)
        {
            throw new ReportingException(ErrorCodes.SignPdfUnreadable, "Tệp PDF không có 'startxref' ở cuối tệp.");
        }

        var digits = new string(text[(at + 9)..].SkipWhile(char.IsWhiteSpace).TakeWhile(char.IsAsciiDigit).ToArray());
        return long.Parse(digits, CultureInfo.InvariantCulture);
    }

    private static (IndirectReference Ref, DictionaryToken Page) FirstPage(Structure structure, IndirectReference node)
    {
        for (var depth = 0; depth < 64; depth++)
        {
            var dict = (DictionaryToken)structure.GetObject(node).Data;
            if (!dict.Data.TryGetValue("Kids", out var kids))
            {
                return (node, dict);
            }

            var list = ResolveArray(structure, kids);
            var first = (list.Count > 0 ? list[0] : null) as IndirectReferenceToken
                ?? throw new ReportingException(ErrorCodes.SignPdfUnreadable, "Cây trang của tệp PDF không có trang nào.");
            node = first.Data;
        }

        throw new ReportingException(ErrorCodes.SignPdfUnreadable, "Cây trang của tệp PDF quá sâu.");
    }

    private static IToken? Resolve(Structure structure, IToken token) =>
        token is IndirectReferenceToken r ? structure.GetObject(r.Data).Data : token;

    private static IReadOnlyList<IToken> ResolveArray(Structure structure, IToken token) =>
        Resolve(structure, token) is ArrayToken array ? array.Data : [];
}
