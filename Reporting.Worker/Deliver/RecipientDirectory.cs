using Dapper;
using Npgsql;
using Reporting.Templates.Model;
using Reporting.Worker.Calendar;
using Reporting.Worker.Database;
using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Deliver;

/// <summary>
/// Who receives a report, and the "Nơi nhận" block drawn from the same list. Defaults come from the
/// "Delivery" section (Sở Nội vụ for unit reports, UBND tỉnh for the consolidated one, the issuer's own
/// mailbox, the drop directory); rows of delivery_recipient add recipients or switch a default off.
/// </summary>
public sealed class RecipientDirectory(NpgsqlDataSource dataSource, DeliveryOptions options)
{
    private const int DefaultOrder = 10;

    /// <summary>Every recipient of the report <paramref name="key"/> issued by <paramref name="issuerCode"/>.</summary>
    public async Task<IReadOnlyList<Recipient>> ResolveAsync(ReportKey key, string issuerCode, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var issuer = await AgencyAsync(connection, issuerCode, cancellationToken)
            ?? (issuerCode == key.UnitCode ? null : await AgencyAsync(connection, key.UnitCode, cancellationToken));
        var list = new List<Recipient>();

        var consolidated = key.UnitCode == ReportKey.Province;
        var (superior, superiorLabel) = consolidated
            ? (options.ProvinceMailbox, options.ProvinceLabel)
            : (options.SuperiorMailbox, options.SuperiorLabel);
        if (!string.IsNullOrWhiteSpace(superior))
        {
            list.Add(new Recipient(DeliveryChannel.Email, Recipient.Normalise(DeliveryChannel.Email, superior), superiorLabel, RecipientRole.Superior, DefaultOrder));
        }

        if (options.SendOwnCopy && !string.IsNullOrWhiteSpace(issuer?.Email)
            && !list.Exists(r => r.Address == Recipient.Normalise(DeliveryChannel.Email, issuer.Email)))
        {
            list.Add(new Recipient(DeliveryChannel.Email, Recipient.Normalise(DeliveryChannel.Email, issuer.Email), null, RecipientRole.OwnCopy, DefaultOrder));
        }

        if (!string.IsNullOrWhiteSpace(options.FileDropDirectory))
        {
            list.Add(new Recipient(DeliveryChannel.FileDrop, Recipient.Normalise(DeliveryChannel.FileDrop, options.FileDropDirectory), null, RecipientRole.FileDrop, DefaultOrder));
        }

        var rows = await connection.QueryAsync<RecipientRow>(new CommandDefinition(
            SqlFiles.Get("queries/delivery/recipients_for"),
            new { kind = Period.KindName(key.Kind), unit = key.UnitCode },
            cancellationToken: cancellationToken));
        foreach (var row in rows)
        {
            var channel = Recipient.ParseChannel(row.Channel);
            var address = Recipient.Normalise(channel, row.Address);
            var existing = list.FindIndex(r => r.Channel == channel && r.Address == address);
            if (!row.Enabled)
            {
                if (existing >= 0)
                {
                    list.RemoveAt(existing);
                }

                continue;
            }

            if (existing >= 0)
            {
                // A row about a default mailbox changes its label or order, not its role.
                list[existing] = list[existing] with { Label = row.Label ?? list[existing].Label, SortOrder = row.SortOrder };
            }
            else
            {
                list.Add(new Recipient(channel, address, row.Label, channel == DeliveryChannel.FileDrop ? RecipientRole.FileDrop : RecipientRole.Extra, row.SortOrder));
            }
        }

        return list.OrderBy(r => r.SortOrder).ToList();
    }

    /// <summary>
    /// The "Nơi nhận" lines of the report, ready to print: "- Sở Nội vụ;" for every recipient that has a label,
    /// in order, then "- Lưu: VT, &lt;issuer symbol&gt;." (Nghị định 30/2020). The model mapping puts these into
    /// <see cref="SignatureBlock.Recipients"/>, so the PDF lists exactly who the report is sent to.
    /// </summary>
    public async Task<IReadOnlyList<string>> NoiNhanLinesAsync(ReportKey key, string issuerCode, CancellationToken cancellationToken)
    {
        var recipients = await ResolveAsync(key, issuerCode, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var issuer = await AgencyAsync(connection, issuerCode, cancellationToken);
        return NoiNhan.Lines(recipients, issuer?.Symbol ?? issuerCode);
    }

    internal static async Task<AgencyRow?> AgencyAsync(NpgsqlConnection connection, string code, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<AgencyRow>(new CommandDefinition(
            SqlFiles.Get("queries/delivery/agency_by_code"), new { code }, cancellationToken: cancellationToken));

    private sealed record RecipientRow(string Channel, string Address, string? Label, int SortOrder, bool Enabled);
}

internal sealed record AgencyRow(string Code, string Name, string? Symbol, string? Email, string ProvinceName);

/// <summary>The "Nơi nhận" block: "- " before each entry, ";" after each, "." after the last ("- Lưu: VT, SNV.").</summary>
public static class NoiNhan
{
    public static IReadOnlyList<string> Lines(IEnumerable<Recipient> recipients, string issuerSymbol)
    {
        var lines = recipients
            .Where(r => !string.IsNullOrWhiteSpace(r.Label))
            .Select(r => r.Label!.Trim())
            .Distinct(StringComparer.Ordinal)
            .Select(label => $"- {label};")
            .ToList();
        lines.Add($"- Lưu: VT, {issuerSymbol}.");
        return lines;
    }
}
