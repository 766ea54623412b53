using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace Reporting.Worker.Sign;

/// <summary>
/// Finds every signature of a PDF (a /ByteRange whose gap is the /Contents hex string), checks each CMS over its
/// byte range, whether the last one covers the whole file, who signed and when, and whether the signer chains to
/// the trust list. Integrity and trust are reported separately (domain.md §7.4). Works on files signed by any
/// tool: it reads the bytes, not our own layout.
/// </summary>
public sealed partial class PdfSignatureVerifier(X509Certificate2Collection trustList)
{
    public static PdfSignatureVerifier FromDirectory(string trustedCaDirectory) => new(TrustList.Load(trustedCaDirectory));

    public PdfVerification Verify(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var found = new List<(long[] Range, int At)>();
        foreach (Match m in ByteRangePattern().Matches(text))
        {
            var range = m.Groups[1].Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            if (range.Length == 4 && range[0] == 0 && range[1] > 0 && range[2] > range[1] && range[2] + range[3] <= pdf.Length
                && pdf[range[1]] == (byte)'<' && pdf[range[2] - 1] == (byte)'>' && found.All(f => f.Range[1] != range[1]))
            {
                found.Add((range, m.Index));
            }
        }

        found.Sort((a, b) => a.Range[1].CompareTo(b.Range[1]));
        var checks = found.Select((f, i) => Check(pdf, text, f.Range, f.At, i + 1)).ToList();
        return new PdfVerification(checks, pdf.Length);
    }

    private SignatureCheck Check(byte[] pdf, string text, long[] range, int dictAt, int index)
    {
        var dictStart = text.LastIndexOf("obj", dictAt, StringComparison.Ordinal);
        var dictEnd = text.IndexOf("endobj", (int)range[2], StringComparison.Ordinal);
        var dict = text[Math.Max(0, dictStart)..(int)range[1]] + text[(int)range[2]..(dictEnd < 0 ? text.Length : dictEnd)];
        var subFilter = SubFilterPattern().Match(dict) is { Success: true } sf ? sf.Groups[1].Value : "?";
        var pdfTime = MPattern().Match(dict) is { Success: true } mt ? ParsePdfDate(mt.Groups[1].Value) : null;

        var end = range[2] + range[3];
        var covers = end == pdf.Length || pdf.AsSpan((int)end).Trim("\r\n \0"u8).IsEmpty;
        var revisionStart = RevisionStart(text, dictStart < 0 ? (int)range[1] : dictStart);

        var signed = new byte[range[1] + range[3]];
        Buffer.BlockCopy(pdf, 0, signed, 0, (int)range[1]);
        Buffer.BlockCopy(pdf, (int)range[2], signed, (int)range[1], (int)range[3]);
        byte[] der;
        try
        {
            var hex = text[((int)range[1] + 1)..((int)range[2] - 1)];
            var raw = Convert.FromHexString(hex.Length % 2 == 0 ? hex : hex + "0");
            AsnDecoder.ReadEncodedValue(raw, AsnEncodingRules.BER, out _, out _, out var consumed);
            der = raw[..consumed];
        }
        catch (Exception ex) when (ex is FormatException or AsnContentException or ArgumentException)
        {
            return Broken("Không đọc được /Contents (không phải CMS).");
        }

        if (subFilter == "ETSI.RFC3161")
        {
            return CheckDocumentTimestamp(der, signed, index, range, covers, revisionStart);
        }

        var cms = new SignedCms(new ContentInfo(signed), detached: true);
        try
        {
            cms.Decode(der);
        }
        catch (CryptographicException)
        {
            return Broken("Không giải mã được CMS trong /Contents.");
        }

        var signer = cms.SignerInfos.Count > 0 ? cms.SignerInfos[0] : null;
        var certificate = signer?.Certificate;
        string? problem = null;
        try
        {
            cms.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException ex)
        {
            problem = $"Chữ ký không khớp nội dung (văn bản đã bị sửa sau khi ký hoặc CMS hỏng): {ex.Message}";
        }

        var (time, source, hasTimestamp) = SigningTime(signer, pdfTime);
        var (chain, chainProblem) = certificate is null ? (ChainStatus.Untrusted, "CMS không kèm chứng thư người ký.") : Chain(certificate, cms.Certificates, time);
        return new SignatureCheck(index, range, subFilter, problem is null && certificate is not null, problem ?? (certificate is null ? "CMS không kèm chứng thư người ký." : null),
            certificate?.Subject, certificate?.GetNameInfo(X509NameType.SimpleName, false), time, source, hasTimestamp, chain, chainProblem, covers, revisionStart);

        SignatureCheck Broken(string reason) => new(index, range, subFilter, false, reason, null, null, pdfTime, "/M", false,
            ChainStatus.Untrusted, reason, covers, revisionStart);
    }

    private SignatureCheck CheckDocumentTimestamp(byte[] der, byte[] signed, int index, long[] range, bool covers, long revisionStart)
    {
        if (!Rfc3161TimestampToken.TryDecode(der, out var token, out _))
        {
            return new(index, range, "ETSI.RFC3161", false, "Dấu thời gian tài liệu không đọc được.", null, null, null, "-", true, ChainStatus.Untrusted, null, covers, revisionStart);
        }

        var intact = token.VerifySignatureForData(signed, out var tsa);
        var (chain, problem) = tsa is null ? (ChainStatus.Untrusted, "Không có chứng thư của TSA.") : Chain(tsa, token.AsSignedCms().Certificates, token.TokenInfo.Timestamp);
        return new(index, range, "ETSI.RFC3161", intact, intact ? null : "Dấu thời gian tài liệu không khớp nội dung.", tsa?.Subject,
            tsa?.GetNameInfo(X509NameType.SimpleName, false), token.TokenInfo.Timestamp, "dấu thời gian", true, chain, problem, covers, revisionStart);
    }

    private (ChainStatus, string?) Chain(X509Certificate2 certificate, X509Certificate2Collection extra, DateTimeOffset? at)
    {
        if (trustList.Count == 0)
        {
            return (ChainStatus.Untrusted, "Danh sách tin cậy trống (Signing:TrustedCaDirectory).");
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trustList);
        chain.ChainPolicy.ExtraStore.AddRange(extra);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (at is { } t)
        {
            chain.ChainPolicy.VerificationTime = t.UtcDateTime;
        }

        if (chain.Build(certificate))
        {
            return (ChainStatus.Trusted, null);
        }

        var reasons = chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct();
        return (ChainStatus.Untrusted, $"Chứng thư của '{certificate.GetNameInfo(X509NameType.SimpleName, false)}' không thuộc danh sách tin cậy ({string.Join("; ", reasons)}).");
    }

    /// <summary>Time-stamp token (trusted time) first, then a signing-time attribute, then the claimed /M.</summary>
    private static (DateTimeOffset?, string, bool) SigningTime(SignerInfo? signer, DateTimeOffset? pdfTime)
    {
        if (signer is null)
        {
            return (pdfTime, "/M", false);
        }

        foreach (var attribute in signer.UnsignedAttributes)
        {
            if (attribute.Oid.Value == CmsSignature.TimeStampTokenOid && attribute.Values.Count > 0
                && Rfc3161TimestampToken.TryDecode(attribute.Values[0].RawData, out var token, out _))
            {
                return (token.TokenInfo.Timestamp, "dấu thời gian", true);
            }
        }

        foreach (var attribute in signer.SignedAttributes)
        {
            foreach (var value in attribute.Values)
            {
                if (value is Pkcs9SigningTime st)
                {
                    return (new DateTimeOffset(st.SigningTime.ToUniversalTime(), TimeSpan.Zero), "signing-time", false);
                }
            }
        }

        return (pdfTime, "/M", false);
    }

    /// <summary>Where the update holding this signature starts: just after the "%%EOF" (and its line end) that
    /// precedes the signature dictionary. The bytes before are the revision the signer signed over.</summary>
    private static long RevisionStart(string text, int before)
    {
        var eof = text.LastIndexOf("%%EOF", Math.Max(0, before), StringComparison.Ordinal);
        if (eof < 0)
        {
            return 0;
        }

        var end = eof + 5;
        while (end < text.Length && text[end] is '\r' or '\n')
        {
            end++;
        }

        return end;
    }

    internal static DateTimeOffset? ParsePdfDate(string value)
    {
        var m = PdfDatePattern().Match(value);
        if (!m.Success)
        {
            return null;
        }

        int G(int i, int fallback) => m.Groups[i].Success && m.Groups[i].Value.Length > 0 ? int.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture) : fallback;
        var offset = m.Groups[7].Value is "+" or "-" ? new TimeSpan(G(8, 0), G(9, 0), 0) * (m.Groups[7].Value == "-" ? -1 : 1) : TimeSpan.Zero;
        try
        {
            return new DateTimeOffset(G(1, 1), G(2, 1), G(3, 1), G(4, 0), G(5, 0), G(6, 0), offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"/ByteRange\s*\[\s*([0-9\s]+?)\s*\]")]
    private static partial Regex ByteRangePattern();

    [GeneratedRegex(@"/SubFilter\s*/([A-Za-z0-9.#_-]+)")]
    private static partial Regex SubFilterPattern();

    [GeneratedRegex(@"/M\s*\((D:[^)]*)\)")]
    private static partial Regex MPattern();

    [GeneratedRegex(@"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([+\-Z])?(\d{2})?'?(\d{2})?")]
    private static partial Regex PdfDatePattern();
}
