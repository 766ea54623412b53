using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Npgsql;
using Reporting.Worker.Calendar;
using Reporting.Worker.Database;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Deliver;

/// <summary>
/// The deliver stage: e-mail and file drop, exactly once per (version, recipient, channel). DeliverAsync records
/// the version, its files and one ledger row per recipient, then works the due rows of that version;
/// <see cref="RunDueAsync"/> (the scheduler's retry job) works the due rows of every version. Each row is claimed
/// with "for update skip locked", so concurrent workers never send the same row.
/// </summary>
public sealed class ReportDelivery : IReportDelivery
{
    private const int BatchSize = 50;

    internal static readonly JsonSerializerOptions VersionJson = new() { Converters = { new JsonStringEnumConverter() } };

    private readonly NpgsqlDataSource _dataSource;
    private readonly DeliveryOptions _options;
    private readonly TimeProvider _time;
    private readonly FileDrop _fileDrop;

    public ReportDelivery(NpgsqlDataSource dataSource, DeliveryOptions options, TimeProvider? time = null, FileDrop? fileDrop = null)
    {
        _dataSource = dataSource;
        _options = options.Validate();
        _time = time ?? TimeProvider.System;
        _fileDrop = fileDrop ?? new FileDrop();
        Recipients = new RecipientDirectory(dataSource, options);
    }

    public RecipientDirectory Recipients { get; }

    public async Task<DeliveryOutcome> DeliverAsync(ReportVersion version, IReadOnlyList<DeliveredFile> files, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            throw new ReportingException(ErrorCodes.DeliveryNoFiles, $"Báo cáo {version.Key} phiên bản {version.Version} không có tệp nào để gửi.");
        }

        var recipients = await Recipients.ResolveAsync(version.Key, version.IssuerCode, cancellationToken);
        if (recipients.Count == 0)
        {
            throw new ReportingException(ErrorCodes.DeliveryNoRecipients,
                $"Không có nơi nhận cho báo cáo {version.Key}: cấu hình Delivery:SuperiorMailbox/ProvinceMailbox/FileDropDirectory hoặc bảng delivery_recipient.");
        }

        await RecordAsync(version, files, recipients, cancellationToken);
        // Checkpoint: the version, its files and a ledger row per recipient are durable. From here a crash loses
        // nothing: the retry job (RunDueAsync) finds every row that is not yet sent.
        var before = await CountsAsync(version.Id, cancellationToken);
        await WorkAsync(version.Id, cancellationToken);
        var after = await CountsAsync(version.Id, cancellationToken);
        return new DeliveryOutcome(after.Sent - before.Sent, before.Sent, after.Failed, after.Pending);
    }

    /// <summary>Works every due row of every version (retries, unknown outcomes under the Resend policy).
    /// Returns how many rows were attempted.</summary>
    public Task<int> RunDueAsync(CancellationToken cancellationToken) => WorkAsync(null, cancellationToken);

    /// <summary>
    /// An operator's decision on an 'unknown' row, or a retry of a 'failed' one: <paramref name="resend"/> sends
    /// it again with the same Message-ID; otherwise it is recorded as sent (the recipient confirmed it has it).
    /// </summary>
    public async Task ResolveAsync(long deliveryId, bool resend, string? note, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var changed = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(SqlFiles.Get("queries/delivery/resolve"),
            new { id = deliveryId, state = resend ? "pending" : "sent", now = _time.GetUtcNow(), note }, cancellationToken: cancellationToken));
        if (changed is null)
        {
            throw new ReportingException(ErrorCodes.DeliveryNotFound, $"Không có lần gửi số {deliveryId} ở trạng thái 'unknown' hoặc 'failed'.");
        }
    }

    private async Task RecordAsync(ReportVersion version, IReadOnlyList<DeliveredFile> files, IReadOnlyList<Recipient> recipients, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var stored = await connection.QuerySingleAsync<StoredVersion>(new CommandDefinition(SqlFiles.Get("queries/delivery/version_insert"), new
        {
            id = version.Id,
            kind = Period.KindName(version.Key.Kind),
            period = version.Key.PeriodCode,
            unit = version.Key.UnitCode,
            version = version.Version,
            issuer = version.IssuerCode,
            number = version.DocumentNumberText,
            issue_date = version.IssueDate,
            detail = JsonSerializer.Serialize(version, VersionJson),
            now,
        }, transaction, cancellationToken: cancellationToken));
        if (stored.Kind != Period.KindName(version.Key.Kind) || stored.Period != version.Key.PeriodCode || stored.Unit != version.Key.UnitCode
            || stored.Version != version.Version || stored.Number != version.DocumentNumberText)
        {
            throw new ReportingException(ErrorCodes.DeliveryVersionMismatch,
                $"Phiên bản báo cáo số {version.Id} đã được giao gửi với nội dung khác ({stored.Kind}/{stored.Period}/{stored.Unit} v{stored.Version}, số {stored.Number}).");
        }

        foreach (var file in files)
        {
            await connection.ExecuteAsync(new CommandDefinition(SqlFiles.Get("queries/delivery/file_insert"), new
            {
                id = version.Id,
                name = file.FileName,
                content_type = file.ContentType,
                sha256 = Convert.ToHexString(SHA256.HashData(file.Content)).ToLowerInvariant(),
                size = file.Content.LongLength,
                content = file.Content,
            }, transaction, cancellationToken: cancellationToken));
        }

        foreach (var recipient in recipients)
        {
            await connection.ExecuteAsync(new CommandDefinition(SqlFiles.Get("queries/delivery/ledger_insert"), new
            {
                id = version.Id,
                channel = Recipient.ChannelName(recipient.Channel),
                recipient = recipient.Address,
                label = recipient.Label,
                role = Recipient.RoleName(recipient.Role),
                message_id = recipient.Channel == DeliveryChannel.Email
                    ? MessageIds.ForReport(version.Id, version.Version, recipient.Address, _options.Smtp.MessageIdDomain)
                    : null,
                now,
            }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<int> WorkAsync(long? versionId, CancellationToken cancellationToken)
    {
        var attempted = 0;
        var versions = new Dictionary<long, (ReportVersion Version, IReadOnlyList<DeliveredFile> Files, string IssuerName)>();
        await using var smtp = new SmtpSession(_options.Smtp);
        while (true)
        {
            var claimed = await ClaimAsync(versionId, cancellationToken);
            // Checkpoint: these rows are 'sending' with the attempt counted. A crash from here until the outcome is
            // recorded leaves them to the lease: a file drop is redone, an e-mail becomes 'unknown'.
            foreach (var row in claimed)
            {
                if (!versions.TryGetValue(row.ReportVersionId, out var loaded))
                {
                    loaded = await LoadAsync(row.ReportVersionId, cancellationToken);
                    versions[row.ReportVersionId] = loaded;
                }

                var result = await SendAsync(row, loaded.Version, loaded.Files, loaded.IssuerName, smtp, cancellationToken);
                await RecordOutcomeAsync(row, result, cancellationToken);
            }

            attempted += claimed.Count;
            if (claimed.Count < BatchSize)
            {
                return attempted;
            }
        }
    }

    private async Task<SendResult> SendAsync(
        ClaimedRow row, ReportVersion version, IReadOnlyList<DeliveredFile> files, string issuerName, SmtpSession smtp, CancellationToken cancellationToken)
    {
        var channel = Recipient.ParseChannel(row.Channel);
        if (channel == DeliveryChannel.FileDrop)
        {
            try
            {
                await _fileDrop.DropAsync(row.Recipient, version, files, cancellationToken);
                return SendResult.Ok;
            }
            catch (ReportingException ex)
            {
                return new SendResult(SendStatus.Transient, ex.Message);
            }
        }

        var recipient = new Recipient(channel, row.Recipient, row.Label, RecipientRole.Extra, 0);
        var message = ReportMail.Compose(version, issuerName, recipient, files, _options.Smtp);
        return await smtp.SendAsync(message, row.Recipient, cancellationToken);
    }

    private async Task RecordOutcomeAsync(ClaimedRow row, SendResult result, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        (string State, string? Error, DateTimeOffset? Next) outcome = result.Status switch
        {
            SendStatus.Sent => ("sent", null, null),
            SendStatus.Permanent => ("failed", result.Error, null),
            SendStatus.Unknown => ("unknown", result.Error, now + _options.Retry.DelayAfter(row.Attempts)),
            _ when row.Attempts >= _options.Retry.MaxAttempts =>
                ("failed", $"Đã thử {row.Attempts} lần, lần cuối: {result.Error}", null),
            _ => ("pending", result.Error, now + _options.Retry.DelayAfter(row.Attempts)),
        };
        var (state, error, next) = outcome;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(SqlFiles.Get("queries/delivery/record_outcome"), new
        {
            id = row.Id,
            attempts = row.Attempts,
            state,
            error,
            next_attempt_at = next,
            sent_at = state == "sent" ? now : (DateTimeOffset?)null,
            now,
        }, cancellationToken: cancellationToken));
    }

    private async Task<IReadOnlyList<ClaimedRow>> ClaimAsync(long? versionId, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(SqlFiles.Get("queries/delivery/expire_leases"), new { now }, cancellationToken: cancellationToken));
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ClaimedRow>(new CommandDefinition(SqlFiles.Get("queries/delivery/claim"), new
        {
            now,
            lease_until = now.AddSeconds(_options.LeaseSeconds),
            version_id = versionId,
            resend_unknown = _options.UnknownOutcome == UnknownOutcomePolicy.Resend,
            max_attempts = _options.Retry.MaxAttempts,
            limit = BatchSize,
        }, transaction, cancellationToken: cancellationToken))).ToList();
        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    private async Task<(ReportVersion, IReadOnlyList<DeliveredFile>, string)> LoadAsync(long versionId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var detail = await connection.QuerySingleAsync<string>(new CommandDefinition(
            SqlFiles.Get("queries/delivery/version_load"), new { id = versionId }, cancellationToken: cancellationToken));
        var version = JsonSerializer.Deserialize<ReportVersion>(detail, VersionJson)!;
        var files = (await connection.QueryAsync<StoredFile>(new CommandDefinition(
                SqlFiles.Get("queries/delivery/files_load"), new { id = versionId }, cancellationToken: cancellationToken)))
            .Select(f => new DeliveredFile(f.FileName, f.ContentType, f.Content))
            .ToList();
        var issuer = await RecipientDirectory.AgencyAsync(connection, version.IssuerCode, cancellationToken);
        return (version, files, issuer?.Name ?? version.IssuerCode);
    }

    /// <summary>The ledger of one version: rows sent, failed for good, and still to send (pending, sending, unknown).</summary>
    public async Task<(int Sent, int Failed, int Pending)> CountsAsync(long versionId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var c = await connection.QuerySingleAsync<Counts>(new CommandDefinition(
            SqlFiles.Get("queries/delivery/counts"), new { id = versionId }, cancellationToken: cancellationToken));
        return ((int)c.Sent, (int)c.Failed, (int)c.Pending);
    }

    internal sealed record ClaimedRow(long Id, long ReportVersionId, string Channel, string Recipient, string? Label, string Role, string? MessageId, int Attempts);

    private sealed record StoredVersion(string Kind, string Period, string Unit, int Version, string Number);

    private sealed record StoredFile(string FileName, string ContentType, byte[] Content);

    private sealed record Counts(long Sent, long Failed, long Pending);
}
