using Dapper;
using Reporting.Worker.Calendar;
using Reporting.Worker.Database;
using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Api;

/// <summary>The ad hoc request queue and the reports made for it, in the warehouse. Every value is a bound parameter.</summary>
public sealed class AdhocRequestStore(Warehouse warehouse)
{
    public async Task<UnitRow?> FindUnitAsync(string unit, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UnitRow>(Command("unit_find", new { unit, from, to }, cancellationToken));
    }

    public async Task<bool> InScopeAsync(string callerUnit, int unitId, DateOnly on, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(Command("unit_in_scope", new { caller_unit = callerUnit, unit_id = unitId, on }, cancellationToken));
    }

    public async Task<IReadOnlyList<UnitListRow>> UnitsVisibleAsync(ApiCaller caller, DateOnly on, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<UnitListRow>(Command("units_visible",
            new { caller_unit = caller.UnitCode, all = caller.SeesAllUnits, on }, cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<string>> UnknownFieldsAsync(IReadOnlyList<string> codes, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken);
        var known = (await connection.QueryAsync<string>(Command("fields_known", new { codes = codes.ToArray() }, cancellationToken))).ToHashSet(StringComparer.Ordinal);
        return codes.Where(c => !known.Contains(c)).ToList();
    }

    public async Task InsertAsync(Guid id, ApiCaller caller, RequestShape shape, string unitCode, string requestHash, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(Command("request_insert", new
        {
            id,
            api_key_id = caller.KeyId,
            requester_unit = caller.UnitCode,
            unit_code = unitCode,
            kind = Period.KindName(shape.Kind),
            period_code = shape.Period.Code,
            date_from = shape.Period.From,
            date_to = shape.Period.To,
            field_codes = shape.Fields?.ToArray(),
            formats = shape.Formats.ToArray(),
            request_hash = requestHash,
        }, cancellationToken));
    }

    /// <summary>The request if the caller may see it; null both when it does not exist and when it is not theirs.</summary>
    public async Task<RequestRow?> GetVisibleAsync(Guid id, ApiCaller caller, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RequestRow>(Command("request_get",
            new { id, caller_unit = caller.UnitCode, all = caller.SeesAllUnits }, cancellationToken));
    }

    public async Task<IReadOnlyList<RequestRow>> ListAsync(string requesterUnit, int limit, int offset, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<RequestRow>(Command("request_list",
            new { requester_unit = requesterUnit, limit, offset }, cancellationToken))).ToList();
    }

    public async Task<FileRow?> GetFileAsync(long productId, string format, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<FileRow>(Command("file_get", new { product_id = productId, format }, cancellationToken));
    }

    private static CommandDefinition Command(string name, object parameters, CancellationToken cancellationToken) =>
        new(SqlFiles.Get($"queries/api/{name}"), parameters, cancellationToken: cancellationToken);
}

public sealed class UnitRow
{
    public int Id { get; init; }

    public string Code { get; init; } = "";

    public string Name { get; init; } = "";
}

public sealed class UnitListRow
{
    public string Code { get; init; } = "";

    public string Name { get; init; } = "";

    public string Kind { get; init; } = "";
}

/// <summary>One row of adhoc_request as the status, the list and the processor's claim read it (the claim fills
/// <see cref="RequestHash"/> and <see cref="UnitId"/>; the status and the list the product's columns).</summary>
public sealed class RequestRow
{
    public Guid Id { get; init; }

    public string UnitCode { get; init; } = "";

    public string Kind { get; init; } = "";

    public string PeriodCode { get; init; } = "";

    public DateTime DateFrom { get; init; }

    public DateTime DateTo { get; init; }

    public string[]? FieldCodes { get; init; }

    public string[] Formats { get; init; } = [];

    public string State { get; init; } = "";

    public short Progress { get; init; }

    public string? Stage { get; init; }

    public bool Reused { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? FinishedAt { get; init; }

    public long? ProductId { get; init; }

    public string? Fingerprint { get; init; }

    public long? ReportVersionId { get; init; }

    public long Total { get; init; }

    /// <summary>Parameters' hash (reuse key); read by the claim.</summary>
    public string RequestHash { get; init; } = "";

    /// <summary>agency.id of the unit on the window; read by the claim.</summary>
    public int UnitId { get; init; }

    /// <summary>The request as the producer takes it.</summary>
    public AdhocReportRequest ToRequest() =>
        new(Id, new ReportKey(Period.ParseKind(Kind), PeriodCode, UnitCode), UnitId,
            DateOnly.FromDateTime(DateFrom), DateOnly.FromDateTime(DateTo), FieldCodes, Formats);
}

public sealed class FileRow
{
    public string FileName { get; init; } = "";

    public string ContentType { get; init; } = "";

    public byte[]? Content { get; init; }

    public long? ArchiveEntryId { get; init; }
}
