using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Npgsql;
using Reporting.Tests.Fixtures;
using Reporting.Tests.Jobs;
using Reporting.Tests.Pipeline;
using Xunit.Abstractions;

namespace Reporting.Tests.Resilience;

/// <summary>
/// What must hold after an interrupted annual 2026 cycle of <see cref="PipelineSeed"/> (three units and the
/// consolidated report, system policy, one superior mailbox per report and a file drop) has been completed.
/// </summary>
public static class CycleAssertions
{
    public const string Superior = "vanthu@sonoivu.angiang.example";
    public const string ProvinceMailbox = "vanthu@ubnd.angiang.example";

    /// <summary>The Message-IDs of the e-mails a dead worker had claimed and not recorded ('sending').</summary>
    public static async Task<IReadOnlyList<string>> InFlightAsync(NpgsqlDataSource db)
    {
        await using var c = await db.OpenConnectionAsync();
        return (await c.QueryAsync<string>("select message_id from delivery where state = 'sending' and message_id is not null")).ToList();
    }

    /// <summary>
    /// Every report issued, archived and delivered once, numbers without gap; returns how many messages the SMTP
    /// server received in all.
    /// </summary>
    public static async Task<int> ExactlyOnceAsync(NpgsqlDataSource db, TestSmtpServer smtp, string work, Dictionary<string, string> settings, IReadOnlyList<string> sendingAtKill, ITestOutputHelper output)
    {
        // Issued once: one version per unit and for the consolidated report, all issued; every run done.
        Assert.Equal(1, await ScalarAsync(db, "select count(*) from report_cycle where state = 'done'"));
        Assert.Equal(0, await ScalarAsync(db, "select count(*) from report_run where state <> 'done'"));
        Assert.Equal(4, await ScalarAsync(db, "select count(*) from report_version"));
        Assert.Equal(4, await ScalarAsync(db, "select count(*) from report_version where state = 'issued'"));
        Assert.Equal(4, await ScalarAsync(db, "select count(distinct unit_code) from report_version"));

        // No gap: each register's numbers are exactly 1..last_number, all on issued documents.
        Assert.Equal(0, await ScalarAsync(db, """
            select count(*) from document_number_sequence s
            where s.last_number <> (select count(*) from report_version v where v.issuer_code = s.issuer_code and v.state = 'issued')
               or s.last_number <> (select max(v.document_number) from report_version v where v.issuer_code = s.issuer_code)
            """));

        // Archived once: the issued PDF and the workbook of each version, no draft; the archive verifies (hashes,
        // signatures covering the whole file, trusted chain).
        Assert.Equal(8, await ScalarAsync(db, "select count(*) from archive_entry"));
        Assert.Equal(4, await ScalarAsync(db, "select count(*) from archive_entry where role = 'issued_pdf' and state = 'issued' and signature_kind = 'system'"));
        Assert.Equal(4, await ScalarAsync(db, "select count(*) from archive_entry where role = 'workbook'"));
        await using (var verify = WorkerProcess.Start(settings, "archive", "verify", "--all"))
        {
            Assert.True(await verify.WaitAsync(TimeSpan.FromSeconds(120)) == 0, verify.Output);
            Assert.Contains("Lưu trữ nguyên vẹn: 8 mục", verify.Output, StringComparison.Ordinal);
        }

        // Delivered once by e-mail: one ledger row per report, sent; its Message-ID arrived once. The one exception
        // is the documented unknown outcome (docs/DELIVERY.md): a message the server accepted while the killed worker
        // had not yet recorded it ('sending' at the kill) is re-sent once with the SAME Message-ID.
        await using var c = await db.OpenConnectionAsync();
        var ledger = (await c.QueryAsync<(string MessageId, string Recipient, string State, int Attempts, string Unit)>("""
            select d.message_id, d.recipient, d.state, d.attempts, v.unit_code
            from delivery d join report_version v on v.id = d.report_version_id where d.channel = 'email'
            """)).ToList();
        Assert.Equal(4, ledger.Count);
        Assert.All(ledger, row => Assert.Equal("sent", row.State));
        Assert.Equal(3, ledger.Count(r => r.Recipient == Superior && r.Unit != "province"));
        Assert.Single(ledger, r => r.Recipient == ProvinceMailbox && r.Unit == "province");
        var received = smtp.CountByMessageId();
        Assert.Empty(received.Keys.Except(ledger.Select(r => r.MessageId)));
        foreach (var row in ledger)
        {
            var copies = received.GetValueOrDefault(row.MessageId);
            if (copies != 1)
            {
                Assert.True(copies == 2 && sendingAtKill.Contains(row.MessageId) && row.Attempts >= 2,
                    $"{row.Unit} → {row.Recipient}: {copies} messages (Message-ID {row.MessageId}, attempts {row.Attempts}, in flight at the kill: {sendingAtKill.Contains(row.MessageId)})");
                output.WriteLine($"re-sent once after an unknown outcome: {row.Unit} → {row.Recipient} (same Message-ID)");
            }
        }

        // What was mailed is what the archive holds: the issued PDF attached to each message is the archived one.
        var archivedPdfs = (await c.QueryAsync<string>("select sha256 from archive_entry where role = 'issued_pdf'")).ToHashSet();
        foreach (var message in smtp.Messages())
        {
            Assert.Single(message.To.Mailboxes);
            var pdf = message.Attachments.OfType<MimeKit.MimePart>().Single(p => p.ContentType.MimeType == "application/pdf");
            using var bytes = new MemoryStream();
            pdf.Content!.DecodeTo(bytes);
            Assert.True(archivedPdfs.Contains(Convert.ToHexString(SHA256.HashData(bytes.ToArray())).ToLowerInvariant()),
                $"the PDF mailed as {message.MessageId} is not the archived issued PDF");
        }

        // Delivered once to the file drop: every version's PDF and workbook, each with its manifest, nothing else
        // visible; the dropped PDF is the archived issued PDF byte for byte.
        var drop = Path.Combine(work, "drop");
        var visible = Directory.GetFiles(drop).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(16, visible.Count);
        Assert.Equal(4, await ScalarAsync(db, "select count(*) from delivery where channel = 'file_drop' and state = 'sent'"));
        var issuedHashes = (await c.QueryAsync<string>("select sha256 from archive_entry where role = 'issued_pdf'")).ToHashSet();
        foreach (var manifestName in visible.Where(n => n!.EndsWith(".manifest.json", StringComparison.Ordinal)))
        {
            var manifest = JsonSerializer.Deserialize<JsonElement>(await File.ReadAllBytesAsync(Path.Combine(drop, manifestName!)));
            var file = Path.Combine(drop, manifest.GetProperty("file").GetString()!);
            var sha = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(file))).ToLowerInvariant();
            Assert.Equal(manifest.GetProperty("sha256").GetString(), sha);
            if (file.EndsWith(".pdf", StringComparison.Ordinal))
            {
                Assert.True(issuedHashes.Contains(sha), $"the dropped {Path.GetFileName(file)} is not the archived issued PDF");
            }
        }

        var leftovers = Directory.GetFiles(drop).Length - visible.Count;
        if (leftovers > 0)
        {
            output.WriteLine($"file drop: {leftovers} hidden temporary file(s) left by the killed write (never matched by a consumer)");
        }

        return received.Values.Sum();
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource db, string sql) => await PipelineSeed.ScalarAsync(db, sql);
}
