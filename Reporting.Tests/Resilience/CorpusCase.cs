using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Reporting.Tests.Resilience;

/// <summary>
/// The bad-input corpus on disk (<c>Resilience/Corpus</c>, copied to the test output): one file per API case,
/// a CSV file and its <c>.expect</c> per import case. Adding a case is adding a file.
/// </summary>
public static partial class Corpus
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Resilience", "Corpus");

    /// <summary>Names of the files under <paramref name="folder"/> ending in <paramref name="extension"/>, sorted.</summary>
    public static TheoryData<string> Names(string folder, string extension)
    {
        var data = new TheoryData<string>();
        foreach (var file in System.IO.Directory.GetFiles(Path.Combine(Directory, folder), "*" + extension).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    /// <summary>
    /// The message is there, in NFC, and Vietnamese: at least one letter only Vietnamese text has (a stable
    /// code with an English or empty message is a defect).
    /// </summary>
    public static void AssertVietnamese(string? message, string context)
    {
        Assert.False(string.IsNullOrWhiteSpace(message), $"{context}: empty message");
        Assert.True(message!.IsNormalized(NormalizationForm.FormC), $"{context}: message not NFC: {message}");
        Assert.True(VietnameseLetter().IsMatch(message), $"{context}: message not Vietnamese: {message}");
    }

    [GeneratedRegex("[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", RegexOptions.IgnoreCase)]
    private static partial Regex VietnameseLetter();

    /// <summary>Meta lines "key: value" (repeatable keys keep every value); '#' starts a comment line.</summary>
    public static Dictionary<string, List<string>> Meta(IEnumerable<string> lines)
    {
        var meta = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw new InvalidDataException($"corpus meta line without ':': {line}");
            }

            var key = line[..colon].Trim();
            if (!meta.TryGetValue(key, out var values))
            {
                meta[key] = values = [];
            }

            values.Add(line[(colon + 1)..].Trim());
        }

        return meta;
    }

    public static string? One(this Dictionary<string, List<string>> meta, string key) =>
        meta.TryGetValue(key, out var values) ? values[^1] : null;

    public static IReadOnlyList<string> All(this Dictionary<string, List<string>> meta, string key) =>
        meta.TryGetValue(key, out var values) ? values : [];

    public static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}

/// <summary>
/// One malformed HTTP request and what it must be answered with. The file (<c>Corpus/api/NAME.case</c>):
/// <code>
/// # what the case is (comments)
/// as: A                          who calls: Nobody, Unknown, Garbage, Revoked, A, B, HomeAffairs, Archivist, Admin
/// expect: 400 API_JSON_MALFORMED the status and the stable code ("-": Kestrel refuses the request line itself,
///                                before any application code runs, with that status and no body)
/// message: không phải JSON       a piece of the Vietnamese message (optional)
/// field-error: FIELD INPUT_...   for INPUT_REJECTED: a field (may hold spaces) and its error code (repeatable)
/// expand: yes                    the body's {{repeat:N:TEXT}} are expanded (huge bodies without huge files)
/// crlf: yes                      the body's line ends become CRLF (multipart)
/// chunked: yes                   the body is sent chunked, with no Content-Length
/// body-file: NAME                the body is Corpus/api/files/NAME (binary)
/// workbook: A/quarter/2026-Q1    the body is that input workbook, downloaded by the admin key …
/// workbook-set: CODE=VALUE       … with a value typed into it (repeatable)
/// workbook-truncate: yes         … cut to its first half
/// ---
/// POST /api/reports              the request line; {{report:A}} is a real (queued) request of unit A
/// Content-Type: application/json headers; {{key}} is the caller's key (then no Authorization is added)
///
/// {"kind":"adhoc",               the body: raw bytes to the end of the file (one final newline dropped)
/// </code>
/// </summary>
public sealed partial record ApiCase(
    string Name, string As, int Status, string Code, string? MessagePiece, IReadOnlyList<(string Field, string Code)> FieldErrors,
    string Method, string Target, IReadOnlyList<(string Name, string Value)> Headers, byte[]? Body,
    string? Workbook, IReadOnlyList<(string Code, string Value)> WorkbookSets, bool WorkbookTruncate, bool Chunked)
{
    private static readonly byte[] Separator = "\n---\n"u8.ToArray();

    public static ApiCase Load(string name)
    {
        var folder = Path.Combine(Corpus.Directory, "api");
        var bytes = File.ReadAllBytes(Path.Combine(folder, name + ".case"));
        var split = bytes.AsSpan().IndexOf(Separator);
        if (split < 0)
        {
            throw new InvalidDataException($"{name}: no '---' line between the expectations and the request");
        }

        var meta = Corpus.Meta(Encoding.UTF8.GetString(bytes, 0, split).Split('\n'));
        var request = bytes.AsSpan(split + Separator.Length);

        // The request line and headers end at the first empty line; the body is the rest, raw.
        var headEnd = request.IndexOf("\n\n"u8);
        var head = Encoding.UTF8.GetString(headEnd < 0 ? request : request[..headEnd]).TrimEnd('\n').Split('\n');
        byte[]? body = null;
        if (headEnd >= 0)
        {
            body = request[(headEnd + 2)..].ToArray();
            if (body.Length > 0 && body[^1] == (byte)'\n')
            {
                body = body[..^1];
            }
        }

        if (meta.One("body-file") is { } file)
        {
            body = File.ReadAllBytes(Path.Combine(folder, "files", file));
        }
        else if (body is not null && meta.One("expand") == "yes")
        {
            body = Encoding.UTF8.GetBytes(Repeat().Replace(Encoding.UTF8.GetString(body),
                m => string.Concat(Enumerable.Repeat(m.Groups[2].Value, Corpus.Number(m.Groups[1].Value)))));
        }

        if (body is not null && meta.One("crlf") == "yes")
        {
            body = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(body).Replace("\r\n", "\n", StringComparison.Ordinal)
                .Replace("\n", "\r\n", StringComparison.Ordinal));
        }

        var requestLine = head[0].Split(' ', 2);
        var headers = head.Skip(1).Select(h => h.Split(':', 2)).Select(p => (p[0].Trim(), p.Length > 1 ? p[1].Trim() : "")).ToList();
        var expect = (meta.One("expect") ?? throw new InvalidDataException($"{name}: no 'expect:'")).Split(' ', 2);
        return new ApiCase(
            name,
            meta.One("as") ?? "A",
            Corpus.Number(expect[0]),
            expect[1].Trim(),
            meta.One("message"),
            meta.All("field-error").Select(f => (f[..f.LastIndexOf(' ')], f[(f.LastIndexOf(' ') + 1)..])).ToList(),
            requestLine[0],
            requestLine[1].Trim(),
            headers,
            body,
            meta.One("workbook"),
            meta.All("workbook-set").Select(s => s.Split('=', 2)).Select(p => (p[0], p[1])).ToList(),
            meta.One("workbook-truncate") == "yes",
            meta.One("chunked") == "yes");
    }

    public override string ToString() => Name;

    [GeneratedRegex(@"\{\{repeat:(\d+):(.*?)\}\}", RegexOptions.Singleline)]
    private static partial Regex Repeat();
}

/// <summary>
/// One malformed CSV (<c>Corpus/csv/NAME.csv</c>, bytes as a source system might send them) and its
/// <c>NAME.expect</c>:
/// <code>
/// kind: dossiers                 which import verb (dossiers, agencies, procedures)
/// strict: yes                    run with --strict (default: no)
/// exit: IMPORT_BAD_HEADER        the code of the "lỗi [CODE]: …" line (exit 1), or "0" for a clean import
/// message: không phải UTF-8      a piece of that line (optional)
/// rejects: 3 ROW_BAD_DATE received_at   a rejected row: its line, code and column (repeatable; none: no rejects file)
/// loaded: CODE1 CODE2            the codes that must be in the warehouse afterwards (non-strict; omitted: none)
/// </code>
/// A refused file (bad header, strict) must leave the warehouse exactly as it was.
/// </summary>
public sealed record CsvCase(
    string Name, string Kind, bool Strict, string Exit, string? MessagePiece, IReadOnlyList<(int Line, string Code, string Column)> Rejects,
    IReadOnlyList<string> Loaded, string CsvPath)
{
    public static CsvCase Load(string name)
    {
        var folder = Path.Combine(Corpus.Directory, "csv");
        var meta = Corpus.Meta(File.ReadAllLines(Path.Combine(folder, name + ".expect")));
        return new CsvCase(
            name,
            meta.One("kind") ?? throw new InvalidDataException($"{name}: no 'kind:'"),
            meta.One("strict") == "yes",
            meta.One("exit") ?? throw new InvalidDataException($"{name}: no 'exit:'"),
            meta.One("message"),
            meta.All("rejects").Select(r => r.Split(' ')).Select(p => (Corpus.Number(p[0]), p[1], p.Length > 2 ? p[2] : "")).ToList(),
            meta.One("loaded")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [],
            Path.Combine(folder, name + ".csv"));
    }

    public override string ToString() => Name;
}
