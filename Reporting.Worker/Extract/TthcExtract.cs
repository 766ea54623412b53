using Dapper;
using Npgsql;
using Reporting.Worker.Calendar;
using Reporting.Worker.Database;

namespace Reporting.Worker.Extract;

/// <summary>
/// Runs the SQL extracts of one report window for a set of deciding agencies (null: the whole province).
/// Every parameter is bound; the SQL is in sql/extracts/*.sql.
/// </summary>
public static class TthcExtract
{
    /// <summary>How many dossiers each data-quality rule lists; the count is always complete.</summary>
    public const int DataQualityCap = 50;

    static TthcExtract() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    /// <summary>Recomputes the months the triggers marked dirty; returns how many were recomputed.</summary>
    public static Task<int> RefreshRollupAsync(NpgsqlConnection connection, CancellationToken ct) =>
        connection.ExecuteScalarAsync<int>(new CommandDefinition("select refresh_dossier_rollup()", cancellationToken: ct, commandTimeout: 3600));

    public static Task<bool> RollupPendingAsync(NpgsqlConnection connection, CancellationToken ct) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition(SqlFiles.Get("extracts/rollup_pending"), cancellationToken: ct));

    /// <summary>The figures from the monthly rollups plus the live edges and snapshots (what reports use).</summary>
    public static async Task<IReadOnlyList<TthcExtractRow>> RollupAsync(NpgsqlConnection connection, ReportWindow window, int[]? units, CancellationToken ct) =>
        (await connection.QueryAsync<TthcExtractRow>(Command("extracts/tthc_rollup", new
        {
            units,
            start = window.Start.ToUniversalTime(),
            end = window.End.ToUniversalTime(),
            whole_start = window.WholeMonthsStart.ToUniversalTime(),
            whole_end = window.WholeMonthsEnd.ToUniversalTime(),
            now = window.Now.ToUniversalTime(),
        }, ct))).ToList();

    /// <summary>The figures straight from the dossier table (the reference the rollup path must equal).</summary>
    public static async Task<IReadOnlyList<TthcExtractRow>> LiveAsync(NpgsqlConnection connection, ReportWindow window, int[]? units, CancellationToken ct) =>
        (await connection.QueryAsync<TthcExtractRow>(Command("extracts/tthc_live", new
        {
            units,
            start = window.Start.ToUniversalTime(),
            end = window.End.ToUniversalTime(),
            now = window.Now.ToUniversalTime(),
        }, ct))).ToList();

    public static async Task<IReadOnlyList<DataQualityExtractRow>> DataQualityAsync(NpgsqlConnection connection, ReportWindow window, int[]? units, CancellationToken ct) =>
        (await connection.QueryAsync<DataQualityExtractRow>(Command("extracts/data_quality", new
        {
            units,
            start = window.Start.ToUniversalTime(),
            end = window.End.ToUniversalTime(),
            now = window.Now.ToUniversalTime(),
            cap = DataQualityCap,
        }, ct))).ToList();

    public static Task<ServiceCatalogueCounts> ServicesAsync(NpgsqlConnection connection, ReportWindow window, string[]? levels, CancellationToken ct) =>
        connection.QuerySingleAsync<ServiceCatalogueCounts>(Command("extracts/services", new
        {
            first_day = window.Period.From,
            last_day = window.LastDay,
            levels,
        }, ct));

    public static Task<ProcessNoteCounts> ProcessNotesAsync(NpgsqlConnection connection, ReportWindow window, int[]? units, CancellationToken ct) =>
        connection.QuerySingleAsync<ProcessNoteCounts>(Command("extracts/process_notes", new
        {
            units,
            start = window.Start.ToUniversalTime(),
            end = window.End.ToUniversalTime(),
            now = window.Now.ToUniversalTime(),
        }, ct));

    public static Task<FeedbackCounts> FeedbackAsync(NpgsqlConnection connection, ReportWindow window, int[]? units, CancellationToken ct) =>
        connection.QuerySingleAsync<FeedbackCounts>(Command("extracts/feedback", new
        {
            units,
            start = window.Start.ToUniversalTime(),
            end = window.End.ToUniversalTime(),
        }, ct));

    public static Task<PlanTaskCounts> PlanTasksAsync(NpgsqlConnection connection, ReportWindow window, int[]? units, CancellationToken ct) =>
        connection.QuerySingleAsync<PlanTaskCounts>(Command("extracts/plan_tasks", new
        {
            units,
            first_day = window.Period.From,
            last_day = window.LastDay,
        }, ct));

    private static CommandDefinition Command(string file, object parameters, CancellationToken ct) =>
        new(SqlFiles.Get(file), parameters, commandTimeout: 3600, cancellationToken: ct);
}
