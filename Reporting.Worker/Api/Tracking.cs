using Dapper;
using Reporting.Worker.Calendar;
using Reporting.Worker.Database;

namespace Reporting.Worker.Api;

/// <summary>
/// Who has reported for a period (for Sở Nội vụ). The tracking stage owns the real answer (due dates, lateness,
/// missing inputs) and replaces <see cref="StandInTracking"/>.
/// </summary>
public interface ITrackingSource
{
    Task<TrackingAnswer> GetAsync(Period period, CancellationToken cancellationToken);
}

public sealed record TrackingAnswer(string Period, string Label, IReadOnlyList<TrackingRow> Units);

public sealed record TrackingRow(string Unit, string Name, bool Reported, DateTimeOffset? ReportedAt);

/// <summary>STAND-IN: a unit has "reported" when a report for the period was made for it through this API.</summary>
public sealed class StandInTracking(Warehouse warehouse) : ITrackingSource
{
    public async Task<TrackingAnswer> GetAsync(Period period, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(SqlFiles.Get("queries/api/standin_tracking"),
            new { period = period.Code, on = period.To }, cancellationToken: cancellationToken));
        return new TrackingAnswer(period.Code, period.Label, rows.Select(r => new TrackingRow(r.UnitCode, r.UnitName, r.Reported,
            r.ReportedAt is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null)).ToList());
    }

    private sealed class Row
    {
        public string UnitCode { get; init; } = "";

        public string UnitName { get; init; } = "";

        public bool Reported { get; init; }

        public DateTime? ReportedAt { get; init; }
    }
}
