using Dapper;
using Npgsql;
using Reporting.Worker.Database;

namespace Reporting.Worker.Deliver;

/// <summary>One row of the delivery ledger as an operator (or a test) sees it.</summary>
public sealed record LedgerEntry(
    long Id,
    long ReportVersionId,
    string Channel,
    string Recipient,
    string? Label,
    string Role,
    string State,
    string? MessageId,
    int Attempts,
    string? LastError,
    DateTime NextAttemptAt,
    DateTime? SentAt)
{
    public static async Task<IReadOnlyList<LedgerEntry>> ListAsync(NpgsqlDataSource dataSource, long? reportVersionId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<LedgerEntry>(new CommandDefinition(
            SqlFiles.Get("queries/delivery/ledger_list"), new { id = reportVersionId }, cancellationToken: cancellationToken));
        return rows.ToList();
    }
}
