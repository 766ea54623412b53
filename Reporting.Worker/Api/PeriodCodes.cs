using Reporting.Templates.Model;
using Reporting.Worker.Calendar;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Api;

/// <summary>A period code on its own ("2026-Q3", "2026-H1", "2026-9M", "2026", "2026-01-01..2026-03-31"), its kind inferred.</summary>
public static class PeriodCodes
{
    public static Period Infer(string code)
    {
        var text = code.Length <= 40 ? code.Trim() : code[..40];
        ReportKind kind = text switch
        {
            _ when text.Contains("..", StringComparison.Ordinal) => ReportKind.Adhoc,
            _ when text.EndsWith("H1", StringComparison.Ordinal) => ReportKind.Half,
            _ when text.EndsWith("9M", StringComparison.Ordinal) => ReportKind.NineMonths,
            _ when text.Length == 7 && text[5] == 'Q' => ReportKind.Quarter,
            _ when text.Length == 4 => ReportKind.Annual,
            _ => throw new ReportingException(ErrorCodes.BadPeriod,
                $"Kỳ '{text}' không hợp lệ (ví dụ: 2026-Q3, 2026-H1, 2026-9M, 2026, 2026-01-01..2026-03-31)."),
        };
        return Period.Parse(kind, text);
    }
}
