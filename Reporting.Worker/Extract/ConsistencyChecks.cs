using System.Globalization;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Extract;

/// <summary>
/// The gate before a report is issued: every total equals the sum of its parts, by field and in total
/// ([3] = [4] + [5] + [6], [7] = [8] + [9] + [10], [11] = [12] + [13], ended = withdrawn + stopped + refused) and
/// conservation ([3] = [7] + [11] + ended without result). The totals are the ones the SQL counted on its own, so a
/// classification that loses or doubles a dossier shows here. A failure stops that unit's report.
/// </summary>
public static class ConsistencyChecks
{
    /// <param name="unitCode">The report's unit, named in the error.</param>
    /// <param name="fieldName">Names a row's field for the error message.</param>
    public static void Verify(string unitCode, IReadOnlyList<TthcExtractRow> rows, Func<TthcExtractRow, string> fieldName)
    {
        var failures = new List<string>();
        foreach (var row in rows)
        {
            Check(row, $"lĩnh vực {fieldName(row)} (đơn vị mã số {row.AgencyId}, cấp {row.Level})", failures);
        }

        foreach (var byField in rows.GroupBy(r => r.FieldId).OrderBy(g => g.Key))
        {
            Check(byField.Aggregate((a, b) => a + b), $"lĩnh vực {fieldName(byField.First())} (cộng các đơn vị)", failures);
        }

        if (rows.Count > 0)
        {
            Check(rows.Aggregate((a, b) => a + b), "tổng cộng", failures);
        }

        if (failures.Count > 0)
        {
            var shown = string.Join("; ", failures.Take(5));
            var more = failures.Count > 5 ? $" (và {failures.Count - 5} sai lệch khác)" : "";
            throw new ReportingException(ErrorCodes.ExtractCheckFailed,
                $"Số liệu của đơn vị {unitCode} không cân đối, báo cáo bị dừng: {shown}{more}.");
        }
    }

    private static void Check(TthcExtractRow r, string where, List<string> failures)
    {
        void Expect(string what, long total, string parts, long sum)
        {
            if (total != sum)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{where}: {what} = {total} nhưng {parts} = {sum}"));
            }
        }

        Expect("[3]", r.ReceivedTotal, "[4]+[5]+[6]", r.ReceivedOnline + r.ReceivedDirect + r.ReceivedPostal + r.CarriedOver);
        Expect("[7]", r.ResolvedTotal, "[8]+[9]+[10]", r.ResolvedEarly + r.ResolvedOnTime + r.ResolvedLate);
        Expect("[11]", r.InProgressTotal, "[12]+[13]", r.InProgressWithinLimit + r.InProgressOverdue);
        Expect("kết thúc không có kết quả", r.EndedTotal, "rút + dừng + từ chối", r.Withdrawn + r.Stopped + r.Refused);
        Expect("[3]", r.ReceivedTotal, "[7]+[11]+kết thúc không có kết quả", r.ResolvedTotal + r.InProgressTotal + r.EndedTotal);
    }
}
