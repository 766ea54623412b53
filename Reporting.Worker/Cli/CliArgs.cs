using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Cli;

/// <summary>
/// The arguments after the verb: <c>--name value</c> options, <c>--flag</c> switches and positionals.
/// Unknown options are refused by <see cref="EnsureOnly"/> so a typo never silently does something else.
/// </summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];

    public CliArgs(IEnumerable<string> args)
    {
        var pending = new List<string>(args);
        for (var i = 0; i < pending.Count; i++)
        {
            var a = pending[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                var eq = a.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    _options[a[2..eq]] = a[(eq + 1)..];
                }
                else if (i + 1 < pending.Count && !pending[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    _options[a[2..]] = pending[++i];
                }
                else
                {
                    _options[a[2..]] = null;
                }
            }
            else
            {
                _positionals.Add(a);
            }
        }
    }

    public IReadOnlyList<string> Positionals => _positionals;

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Get(string name) => _options.TryGetValue(name, out var v) ? v : null;

    public string Require(string name) =>
        Get(name) ?? throw new ReportingException(ErrorCodes.BadArguments, $"Thiếu tham số bắt buộc --{name}.");

    public int GetInt(string name, int fallback)
    {
        var v = Get(name);
        if (v is null)
        {
            return fallback;
        }

        return int.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ReportingException(ErrorCodes.BadArguments, $"Tham số --{name} phải là số nguyên, nhận được '{v}'.");
    }

    public long GetLong(string name, long fallback)
    {
        var v = Get(name);
        if (v is null)
        {
            return fallback;
        }

        return long.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ReportingException(ErrorCodes.BadArguments, $"Tham số --{name} phải là số nguyên, nhận được '{v}'.");
    }

    /// <summary>Refuses any option not in <paramref name="allowed"/> (and <c>help</c>).</summary>
    public CliArgs EnsureOnly(params string[] allowed)
    {
        foreach (var name in _options.Keys)
        {
            if (name != "help" && Array.IndexOf(allowed, name) < 0)
            {
                throw new ReportingException(ErrorCodes.BadArguments, $"Tham số không hợp lệ --{name}. Dùng --help để xem các tham số.");
            }
        }

        return this;
    }
}
