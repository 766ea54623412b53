using Dapper;
using Npgsql;
using Reporting.Templates.Model;
using Reporting.Worker.Calendar;
using Reporting.Worker.Database;

namespace Reporting.Worker.Inputs;

/// <summary>Which required inputs a unit still owes for a report.</summary>
public sealed record InputReadiness(UnitInputKey Key, IReadOnlyList<InputField> Missing)
{
    public bool IsReady => Missing.Count == 0;

    /// <summary>"I.2 Tổ chức, chỉ đạo, điều hành; CV_BIEN_CHE_GIAO Biên chế công chức được giao" (for reminders).</summary>
    public string MissingText => string.Join("; ", Missing.Select(f => $"{f.Code} {f.Label}"));
}

/// <summary>
/// Readiness: the required inputs (per the definition of the report kind) with no current value. Tracking and
/// reminders call <see cref="ForPeriodAsync"/>; the pipeline calls <see cref="InputsGate"/>.
/// </summary>
public sealed class InputReadinessService(NpgsqlDataSource dataSource)
{
    public static InputReadinessService For(Warehouse warehouse) => new(warehouse.DataSource);

    public static InputReadiness Evaluate(UnitInputKey key, IEnumerable<string> filledCodes)
    {
        var filled = filledCodes.ToHashSet(StringComparer.Ordinal);
        return new InputReadiness(key, InputDefinitions.For(key.Kind).Required.Where(f => !filled.Contains(f.Code)).ToList());
    }

    public async Task<InputReadiness> ForUnitAsync(UnitInputKey key, CancellationToken cancellationToken)
    {
        var current = await new UnitInputStore(dataSource).CurrentAsync(key, cancellationToken);
        return Evaluate(key, current.Select(c => c.FieldCode));
    }

    /// <summary>
    /// Readiness of every unit in <paramref name="unitCodes"/> for a kind and period, in the order given; with no
    /// list, every agency that exists on the last day of the period's window.
    /// </summary>
    public async Task<IReadOnlyList<InputReadiness>> ForPeriodAsync(ReportKind kind, string periodCode,
        IReadOnlyList<string>? unitCodes, CancellationToken cancellationToken)
    {
        var period = Period.Parse(kind, periodCode);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var units = unitCodes ?? (await connection.QueryAsync<string>(new CommandDefinition(SqlFiles.Get("inputs/units_on"),
            new { on = period.To.ToDateTime(TimeOnly.MinValue) }, cancellationToken: cancellationToken))).ToList();
        var filled = (await connection.QueryAsync<(string UnitCode, string FieldCode)>(new CommandDefinition(
                SqlFiles.Get("inputs/filled_for_period"), new { kind = Period.KindName(kind), period_code = periodCode },
                cancellationToken: cancellationToken)))
            .ToLookup(r => r.UnitCode, r => r.FieldCode, StringComparer.Ordinal);
        return units.Select(u => Evaluate(new UnitInputKey(u, kind, periodCode), filled[u])).ToList();
    }
}
