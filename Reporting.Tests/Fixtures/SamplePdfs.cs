using System.Globalization;
using System.Text;

namespace Reporting.Tests.Fixtures;

/// <summary>PDFs to sign: Chromium's own output (what the renderer produces) and a minimal hand-written PDF 1.4.</summary>
public static class SamplePdfs
{
    private static readonly Lazy<byte[]> ChromiumDraft = new(() => Chromium("""
        <html><head><meta charset="utf-8"><style>body{font-family:'Liberation Serif';font-size:13pt}</style></head>
        <body><p>ỦY BAN NHÂN DÂN TỈNH AN GIANG</p><p>SỞ NỘI VỤ</p><p>Số: 15/BC-SNV</p>
        <h3>BÁO CÁO Công tác cải cách hành chính năm 2026</h3><p>Tổng số hồ sơ tiếp nhận: 44.292; đúng hạn 88,04%.</p></body></html>
        """));

    /// <summary>A one-page report-like PDF printed by headless Chromium (PDF 1.4, classic xref).</summary>
    public static byte[] FromChromium() => ChromiumDraft.Value;

    /// <summary>Prints the HTML with the machine's Chromium (Debian package; REPORTING_CHROMIUM overrides).</summary>
    public static byte[] Chromium(string html)
    {
        var dir = Directory.CreateTempSubdirectory("reporting-test-html-");
        try
        {
            var input = Path.Combine(dir.FullName, "page.html");
            var output = Path.Combine(dir.FullName, "page.pdf");
            File.WriteAllText(input, html);
            var chromium = Environment.GetEnvironmentVariable("REPORTING_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";
            Tools.Run(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", $"--user-data-dir={Path.Combine(dir.FullName, "profile")}",
                "--no-pdf-header-footer", $"--print-to-pdf={output}", new Uri(input).AbsoluteUri);
            return File.ReadAllBytes(output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>A minimal PDF 1.4 with a classic xref table, one page and one line of text.</summary>
    public static byte[] Minimal(string text = "Bao cao thu nghiem")
    {
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            null,
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var stream = $"BT /F1 14 Tf 72 760 Td ({text}) Tj ET";
        objects[3] = $"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream";
        var sb = new StringBuilder("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(sb.ToString()));
            sb.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.Latin1.GetByteCount(sb.ToString());
        sb.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f\r\n");
        foreach (var o in offsets)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{o:D10} 00000 n\r\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(sb.ToString());
    }
}
