using System.Globalization;
using System.Text;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Pipeline;
using UglyToad.PdfPig.Tokens;
using UglyToad.PdfPig.Writer;

namespace Reporting.Worker.Sign;

/// <summary>
/// PAdES signer (ETSI.CAdES.detached, SHA-256) that appends one incremental update and never rewrites what is
/// already in the file, so earlier signatures stay valid (the official round trip: person, then organisation).
/// The update holds: the catalog again with an /AcroForm listing the new field (/SigFlags 3); page 1 again with
/// the widget added to /Annots; an invisible /FT /Sig widget; the /Sig dictionary with a fixed-width /ByteRange
/// and a zero-filled /Contents; a classic xref section for these objects and a trailer with /Prev.
/// The byte range is patched, the CMS computed over the bytes outside /Contents and hex-written in.
/// </summary>
public sealed class PdfSigner(SigningCertificate key, TimestampClient? timestamps = null, string location = "Việt Nam") : IReportSigner
{
    /// <summary>Room for the CMS: 8 KB covers a 2048/3072-bit chain of three certificates; a time-stamp token
    /// brings its own certificates, hence double.</summary>
    private int ContentsBytes => timestamps is null ? 8192 : 16384;

    private const int ByteRangeWidth = 48;

    /// <summary>Test hook: replaces the wall clock for /M.</summary>
    internal Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;

    /// <summary>The system's technical integrity signature on a report it issues by itself.</summary>
    public Task<byte[]> SignAsync(byte[] pdf, ReportVersion version, CancellationToken cancellationToken) =>
        SignAsync(pdf, new SignatureRequest(key.Certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false),
            $"{SignatureRequest.SystemSealReason} Văn bản số {version.DocumentNumberText}.", location, Clock()), cancellationToken);

    public async Task<byte[]> SignAsync(byte[] pdf, SignatureRequest request, CancellationToken cancellationToken)
    {
        var revision = PdfRevision.Read(pdf);
        var update = BuildUpdate(pdf, revision, request);
        var bytes = update.Bytes;

        // Patch the byte range: everything except the hex string of /Contents (angle brackets included).
        var range = string.Create(CultureInfo.InvariantCulture,
            $"[0 {update.ContentsStart} {update.ContentsEnd} {bytes.Length - update.ContentsEnd}]").PadRight(ByteRangeWidth);
        Encoding.ASCII.GetBytes(range).CopyTo(bytes, update.ByteRangeAt);

        var signed = new byte[update.ContentsStart + (bytes.Length - update.ContentsEnd)];
        Buffer.BlockCopy(bytes, 0, signed, 0, update.ContentsStart);
        Buffer.BlockCopy(bytes, update.ContentsEnd, signed, update.ContentsStart, bytes.Length - update.ContentsEnd);
        var cms = await CmsSignature.CreateAsync(signed, key, timestamps, cancellationToken);
        if (cms.Length > ContentsBytes)
        {
            throw new ReportingException(ErrorCodes.SignContentsTooSmall,
                $"Chữ ký CMS ({cms.Length} byte) lớn hơn chỗ dành sẵn ({ContentsBytes} byte).");
        }

        Encoding.ASCII.GetBytes(Convert.ToHexString(cms)).CopyTo(bytes, update.ContentsStart + 1);
        return bytes;
    }

    private sealed record Update(byte[] Bytes, int ByteRangeAt, int ContentsStart, int ContentsEnd);

    private Update BuildUpdate(byte[] pdf, PdfRevision revision, SignatureRequest request)
    {
        var fieldNumber = revision.Size;
        var sigNumber = revision.Size + 1;
        var fieldRef = new IndirectReferenceToken(new UglyToad.PdfPig.Core.IndirectReference(fieldNumber, 0));
        var offsets = new SortedDictionary<long, (long Offset, int Generation)>();

        using var output = new MemoryStream(pdf.Length + (ContentsBytes * 2) + 4096);
        output.Write(pdf);
        if (pdf.Length > 0 && pdf[^1] != (byte)'\n' && pdf[^1] != (byte)'\r')
        {
            output.WriteByte((byte)'\n');
        }

        // The catalog again, with the form inline: existing entries (/DA, /DR…) kept, our field appended.
        var formEntries = revision.AcroForm?.Data.ToDictionary(kv => NameToken.Create(kv.Key), kv => kv.Value) ?? [];
        formEntries[NameToken.Create("Fields")] = new ArrayToken([.. revision.Fields, fieldRef]);
        formEntries[NameToken.Create("SigFlags")] = new NumericToken(3);
        var catalog = revision.Catalog.With("AcroForm", new DictionaryToken(formEntries));
        WriteObject(output, offsets, revision.CatalogRef.ObjectNumber, revision.CatalogRef.Generation, catalog);

        var page = revision.Page.With("Annots", new ArrayToken([.. revision.PageAnnots, fieldRef]));
        WriteObject(output, offsets, revision.PageRef.ObjectNumber, revision.PageRef.Generation, page);

        // The field and its widget in one dictionary: invisible (/Rect [0 0 0 0]), print + locked (/F 132).
        var field = string.Create(CultureInfo.InvariantCulture,
            $"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature{sigNumber}) /Rect [0 0 0 0] /F 132 /V {sigNumber} 0 R /P {revision.PageRef.ObjectNumber} {revision.PageRef.Generation} R >>");
        WriteRaw(output, offsets, fieldNumber, field);

        offsets[sigNumber] = (output.Position, 0);
        Ascii(output, $"{sigNumber} 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M {PdfDate(request.SigningTime)}"
            + $" /Name {PdfText(request.Name)} /Reason {PdfText(request.Reason)} /Location {PdfText(request.Location)}\n/ByteRange ");
        var byteRangeAt = (int)output.Position;
        Ascii(output, "[0 0 0 0]".PadRight(ByteRangeWidth));
        Ascii(output, "\n/Contents ");
        var contentsStart = (int)output.Position;
        output.WriteByte((byte)'<');
        output.Write(Enumerable.Repeat((byte)'0', ContentsBytes * 2).ToArray());
        output.WriteByte((byte)'>');
        var contentsEnd = (int)output.Position;
        Ascii(output, " >>\nendobj\n");

        var xref = output.Position;
        var table = new StringBuilder("xref\n");
        foreach (var (number, (offset, generation)) in offsets)
        {
            table.Append(CultureInfo.InvariantCulture, $"{number} 1\n{offset:D10} {generation:D5} n\r\n");
        }

        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {sigNumber + 1} /Root {revision.CatalogRef.ObjectNumber} {revision.CatalogRef.Generation} R");
        Ascii(output, table.ToString());
        if (revision.Info is not null)
        {
            Ascii(output, " /Info ");
            TokenWriter.Instance.WriteToken(revision.Info, output);
        }

        if (revision.Id is not null)
        {
            Ascii(output, " /ID ");
            TokenWriter.Instance.WriteToken(revision.Id, output);
        }

        Ascii(output, string.Create(CultureInfo.InvariantCulture, $" /Prev {revision.LastXrefOffset} >>\nstartxref\n{xref}\n%%EOF\n"));
        return new Update(output.ToArray(), byteRangeAt, contentsStart, contentsEnd);
    }

    private static void WriteObject(MemoryStream output, SortedDictionary<long, (long, int)> offsets, long number, int generation, IToken token)
    {
        offsets[number] = (output.Position, generation);
        Ascii(output, string.Create(CultureInfo.InvariantCulture, $"{number} {generation} obj\n"));
        TokenWriter.Instance.WriteToken(token, output);
        Ascii(output, "\nendobj\n");
    }

    private static void WriteRaw(MemoryStream output, SortedDictionary<long, (long, int)> offsets, long number, string body)
    {
        offsets[number] = (output.Position, 0);
        Ascii(output, string.Create(CultureInfo.InvariantCulture, $"{number} 0 obj\n{body}\nendobj\n"));
    }

    private static void Ascii(Stream output, string text) => output.Write(Encoding.ASCII.GetBytes(text));

    /// <summary>PDF date (ISO 32000 7.9.4) in UTC: (D:20261205143015+00'00').</summary>
    internal static string PdfDate(DateTimeOffset time) =>
        "(D:" + time.ToUniversalTime().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "+00'00')";

    /// <summary>A text string as UTF-16BE with BOM, hex-encoded: Vietnamese survives and nothing needs escaping.</summary>
    internal static string PdfText(string text) =>
        "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text.Normalize(NormalizationForm.FormC))) + ">";
}
