using Npgsql;
using Reporting.Worker.Calendar;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Extract;

/// <summary>
/// Runs every extract of one report in one repeatable-read transaction (all figures from the same snapshot),
/// after refreshing the dirty rollup months, and runs the consistency checks on this year's and last year's rows.
/// </summary>
public static class ExtractRunner
{
    public static async Task<ExtractResults> RunAsync(NpgsqlDataSource dataSource, AgencyDirectory directory, string unitCode,
        ReportWindow window, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        for (var attempt = 1; ; attempt++)
        {
            // The refresh commits on its own; the snapshot below is consistent with the rollup only if no month is
            // dirty in it (a change committed in between). Then read; else refresh again, and after three tries
            // read every flow live (slower, same figures).
            await TthcExtract.RefreshRollupAsync(connection, ct);
            await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            var useRollup = !await TthcExtract.RollupPendingAsync(connection, ct);
            if (useRollup || attempt >= 3)
            {
                var results = await ReadAsync(connection, directory, unitCode, window, useRollup, ct);
                await tx.CommitAsync(ct);
                ConsistencyChecks.Verify(unitCode, results.Rows, r => directory.FieldName(r.FieldId));
                ConsistencyChecks.Verify($"{unitCode} (cùng kỳ {results.PreviousWindow.Period.Label})", results.PreviousRows,
                    r => directory.FieldName(r.FieldId));
                return results;
            }

            await tx.RollbackAsync(ct);
        }
    }

    private static async Task<ExtractResults> ReadAsync(NpgsqlConnection connection, AgencyDirectory directory, string unitCode,
        ReportWindow window, bool useRollup, CancellationToken ct)
    {
        var previousWindow = window.YearEarlier();
        var previousEnd = previousWindow.Period.To;
        int[]? units = null;
        int[]? previousUnits = null;
        IReadOnlyList<int> previousSources = [];
        string[]? levels = null;
        if (unitCode != Pipeline.ReportKey.Province)
        {
            var unit = directory.Find(unitCode);
            if (!unit.ExistsOn(window.Period.To) && !unit.ExistsOn(window.LastDay))
            {
                throw new ReportingException(ErrorCodes.UnitNotInPeriod,
                    $"Đơn vị {unit.Code} ({unit.Name}) không tồn tại vào cuối kỳ {window.Period.Label} ({window.Period.To:dd/MM/yyyy}).");
            }

            units = await AgencyDirectory.SubtreeAsync(connection, unit.Id, window.Period.To, ct);
            // The units that became this one, as they stood at the start and at the end of last year's window
            // (a merger inside that window contributes both the old communes and the new one).
            var atEnd = await AgencyDirectory.PredecessorsAsync(connection, unit.Id, previousEnd, ct);
            var atStart = await AgencyDirectory.PredecessorsAsync(connection, unit.Id, previousWindow.Period.From, ct);
            previousSources = atEnd.Keys.Union(atStart.Keys).Order().ToList();
            previousUnits = atEnd.Values.Concat(atStart.Values).SelectMany(v => v).Distinct().Order().ToArray();
            levels = unit.Level == "district" ? ["district"] : [unit.Level];
        }

        var rows = useRollup
            ? await TthcExtract.RollupAsync(connection, window, units, ct)
            : await TthcExtract.LiveAsync(connection, window, units, ct);
        var dataQuality = await TthcExtract.DataQualityAsync(connection, window, units, ct);
        var catalogue = await TthcExtract.ServicesAsync(connection, window, levels, ct);
        var notes = await TthcExtract.ProcessNotesAsync(connection, window, units, ct);
        var feedback = await TthcExtract.FeedbackAsync(connection, window, units, ct);
        var tasks = await TthcExtract.PlanTasksAsync(connection, window, units, ct);
        var previousRows = previousUnits is { Length: 0 }
            ? []
            : useRollup
                ? await TthcExtract.RollupAsync(connection, previousWindow, previousUnits, ct)
                : await TthcExtract.LiveAsync(connection, previousWindow, previousUnits, ct);

        return new ExtractResults(unitCode, window, units, rows, dataQuality, catalogue, notes, feedback, tasks,
            previousWindow, previousSources, previousRows);
    }
}
