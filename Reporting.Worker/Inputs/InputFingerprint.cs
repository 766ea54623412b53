using System.Security.Cryptography;
using System.Text;

namespace Reporting.Worker.Inputs;

/// <summary>
/// SHA-256 (lower-case hex) over the current values of one unit, kind and period: the tag "unit-inputs/1", U+001E,
/// then per field in ordinal code order: code, U+001F, value, U+001E. Identical to the SQL function
/// unit_inputs_fingerprint (sql/schema/0100_unit_inputs.sql); tests hold them equal. Same values, same hash;
/// who wrote them and when does not count.
/// </summary>
public static class InputFingerprint
{
    public const string Tag = "unit-inputs/1";

    public static string Compute(IEnumerable<KeyValuePair<string, string>> values)
    {
        var text = new StringBuilder(Tag).Append('\u001e');
        foreach (var (code, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            text.Append(code).Append('\u001f').Append(value).Append('\u001e');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
