using System.Security.Cryptography;
using Dapper;
using Reporting.Worker.Database;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Api;

/// <summary>API keys in the warehouse: create (returns the key once), authenticate, list, revoke.</summary>
public sealed class ApiKeyStore(Warehouse warehouse)
{
    public async Task<(string Token, string Prefix)> CreateAsync(string unitCode, ApiRole role, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken);
        var known = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            SqlFiles.Get("queries/api/unit_exists"), new { unitCode }, cancellationToken: cancellationToken));
        if (!known)
        {
            throw new ReportingException(ErrorCodes.UnknownUnit, $"Không có đơn vị mã '{unitCode}' trong kho dữ liệu.");
        }

        var (token, prefix) = ApiKeyToken.Generate();
        await connection.ExecuteAsync(new CommandDefinition(SqlFiles.Get("queries/api/key_insert"), new
        {
            prefix,
            secret_sha256 = ApiKeyToken.Hash(token),
            unit_code = unitCode,
            role = ApiCaller.RoleName(role),
        }, cancellationToken: cancellationToken));
        return (token, prefix);
    }

    /// <summary>The caller a key belongs to, or null for a malformed, unknown or revoked key.</summary>
    public async Task<ApiCaller?> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        var prefix = ApiKeyToken.PrefixOf(token);
        if (prefix is null)
        {
            return null;
        }

        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            SqlFiles.Get("queries/api/key_find"), new { prefix }, cancellationToken: cancellationToken));
        return row is not null && CryptographicOperations.FixedTimeEquals(row.SecretSha256, ApiKeyToken.Hash(token))
            ? new ApiCaller(row.Id, row.Prefix, row.UnitCode, ApiCaller.ParseRole(row.Role))
            : null;
    }

    public async Task<IReadOnlyList<KeyListRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<KeyListRow>(new CommandDefinition(
            SqlFiles.Get("queries/api/key_list"), cancellationToken: cancellationToken))).ToList();
    }

    public async Task RevokeAsync(string prefix, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken);
        var revoked = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            SqlFiles.Get("queries/api/key_revoke"), new { prefix }, cancellationToken: cancellationToken));
        if (revoked is null)
        {
            throw new ReportingException(ErrorCodes.KeyNotFound, $"Không có khóa API với mã '{prefix}'.");
        }
    }

    private sealed class KeyRow
    {
        public long Id { get; init; }

        public string Prefix { get; init; } = "";

        public byte[] SecretSha256 { get; init; } = [];

        public string UnitCode { get; init; } = "";

        public string Role { get; init; } = "";
    }
}

public sealed class KeyListRow
{
    public string Prefix { get; init; } = "";

    public string UnitCode { get; init; } = "";

    public string Role { get; init; } = "";

    public DateTime CreatedAt { get; init; }

    public DateTime? RevokedAt { get; init; }
}
