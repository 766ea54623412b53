using System.Text;

namespace Reporting.Worker.Import;

/// <summary>One CSV record: the physical line it starts on, its raw text (for the rejects file) and its fields.</summary>
public sealed record CsvRecord(int Line, string Raw, string[] Fields, bool UnclosedQuote);

/// <summary>
/// RFC 4180 reader: comma separated, fields optionally in double quotes, "" inside quotes is a quote, a quoted
/// field may span lines (the record keeps the line it starts on). UTF-8 with or without BOM; values are NFC.
/// </summary>
public static class CsvReader
{
    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        var line = 0;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            var start = line;
            var raw = new StringBuilder(text);
            if (text.Length == 0)
            {
                continue;
            }

            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var i = 0;
            while (true)
            {
                if (i >= text.Length)
                {
                    if (quoted)
                    {
                        var next = reader.ReadLine();
                        if (next is null)
                        {
                            fields.Add(field.ToString());
                            yield return new CsvRecord(start, raw.ToString(), [.. fields.Select(Nfc)], true);
                            yield break;
                        }

                        line++;
                        raw.Append('\n').Append(next);
                        field.Append('\n');
                        text = next;
                        i = 0;
                        continue;
                    }

                    fields.Add(field.ToString());
                    break;
                }

                var c = text[i];
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i++;
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                else if (c == '"' && field.Length == 0)
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }

                i++;
            }

            yield return new CsvRecord(start, raw.ToString(), [.. fields.Select(Nfc)], false);
        }
    }

    /// <summary>A value as it must appear in a CSV field.</summary>
    public static string Escape(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Nfc(string s) => s.IsNormalized(NormalizationForm.FormC) ? s : s.Normalize(NormalizationForm.FormC);
}
