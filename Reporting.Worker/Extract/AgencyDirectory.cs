using Dapper;
using Npgsql;
using Reporting.Worker.Database;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Extract;

/// <summary>An agency row as the warehouse keeps it (validity half-open: [ValidFrom, ValidTo)).</summary>
public sealed record AgencyRow
{
    public int Id { get; init; }

    public string Code { get; init; } = "";

    public string Name { get; init; } = "";

    public string? ShortName { get; init; }

    public string Level { get; init; } = "";

    public string Kind { get; init; } = "";

    public string? Symbol { get; init; }

    public string ProvinceName { get; init; } = "";

    public DateTime ValidFrom { get; init; }

    public DateTime? ValidTo { get; init; }

    /// <summary>Sở Nội vụ itself: the department that receives the units' reports and consolidates them.</summary>
    public bool IsHomeAffairs =>
        Kind == "department" && string.Equals(Name.Normalize(), "Sở Nội vụ", StringComparison.OrdinalIgnoreCase);

    public bool ExistsOn(DateOnly day) =>
        DateOnly.FromDateTime(ValidFrom) <= day && (ValidTo is null || DateOnly.FromDateTime(ValidTo.Value) > day);
}

public sealed record FieldRow
{
    public int Id { get; init; }

    public string Code { get; init; } = "";

    public string Name { get; init; } = "";
}

/// <summary>The agencies and fields of the warehouse (small tables, read once per report), and the unit sets.</summary>
public sealed class AgencyDirectory
{
    static AgencyDirectory() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    private AgencyDirectory(IReadOnlyList<AgencyRow> agencies, IReadOnlyList<FieldRow> fields)
    {
        Agencies = agencies;
        Fields = fields;
        ById = agencies.ToDictionary(a => a.Id);
        FieldsById = fields.ToDictionary(f => f.Id);
    }

    public IReadOnlyList<AgencyRow> Agencies { get; }

    public IReadOnlyList<FieldRow> Fields { get; }

    public IReadOnlyDictionary<int, AgencyRow> ById { get; }

    public IReadOnlyDictionary<int, FieldRow> FieldsById { get; }

    public static async Task<AgencyDirectory> LoadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var agencies = (await connection.QueryAsync<AgencyRow>(new CommandDefinition(SqlFiles.Get("extracts/agencies"), cancellationToken: ct))).ToList();
        var fields = (await connection.QueryAsync<FieldRow>(new CommandDefinition(SqlFiles.Get("extracts/fields"), cancellationToken: ct))).ToList();
        return new AgencyDirectory(agencies, fields);
    }

    public AgencyRow Find(string code) =>
        Agencies.FirstOrDefault(a => a.Code == code)
        ?? throw new ReportingException(ErrorCodes.UnknownUnit, $"Không có đơn vị mã '{code}' trong kho dữ liệu.");

    public string FieldName(int id) => FieldsById.TryGetValue(id, out var f) ? f.Name : $"#{id}";

    public static async Task<int[]> SubtreeAsync(NpgsqlConnection connection, int agencyId, DateOnly on, CancellationToken ct) =>
        (await connection.QueryAsync<int>(new CommandDefinition(SqlFiles.Get("extracts/deciding_units"),
            new { agency_id = agencyId, on }, cancellationToken: ct))).ToArray();

    /// <summary>The predecessors of a unit on a date, each with its subtree (itself when it existed then).</summary>
    public static async Task<IReadOnlyDictionary<int, int[]>> PredecessorsAsync(NpgsqlConnection connection, int agencyId, DateOnly on, CancellationToken ct) =>
        (await connection.QueryAsync<(int PredecessorId, int AgencyId)>(new CommandDefinition(SqlFiles.Get("extracts/predecessor_units"),
            new { agency_id = agencyId, on }, cancellationToken: ct)))
        .GroupBy(r => r.PredecessorId)
        .ToDictionary(g => g.Key, g => g.Select(r => r.AgencyId).ToArray());

    /// <summary>Parents on a date, nearest first (the unit itself at depth 0).</summary>
    public static async Task<IReadOnlyList<int>> AncestorsAsync(NpgsqlConnection connection, int agencyId, DateOnly on, CancellationToken ct) =>
        (await connection.QueryAsync<(int Id, int Depth)>(new CommandDefinition(SqlFiles.Get("extracts/ancestors"),
            new { agency_id = agencyId, on }, cancellationToken: ct))).Select(r => r.Id).ToList();
}
