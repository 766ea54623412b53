using Dapper;
using MimeKit;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Deliver;
using Reporting.Worker.Pipeline;

namespace Reporting.Tests.Deliver;

/// <summary>Delivery against a real SMTP server process on loopback and a real PostgreSQL ledger.</summary>
public sealed class ReportDeliveryTests(DatabaseFixture database, SmtpServerFixture smtpFixture)
    : IClassFixture<DatabaseFixture>, IClassFixture<SmtpServerFixture>, IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero));
    private readonly string _drop = Path.Combine(Path.GetTempPath(), $"reporting-drop-{Guid.NewGuid():N}");

    private TestSmtpServer Smtp => smtpFixture.Server;

    public async Task InitializeAsync()
    {
        await Smtp.RestartAsync();
        await Smtp.CommandAsync("clear");
        await DeliveryTestData.SeedAgenciesAsync(database.Database.DataSource);
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_drop))
        {
            Directory.Delete(_drop, recursive: true);
        }

        return Task.CompletedTask;
    }

    private ReportDelivery Delivery(UnknownOutcomePolicy policy = UnknownOutcomePolicy.Resend, FileDrop? fileDrop = null) =>
        new(database.Database.DataSource, DeliveryTestData.Options(Smtp, _drop, policy), _clock, fileDrop);

    private async Task<IReadOnlyList<LedgerEntry>> LedgerAsync(ReportVersion version) =>
        await LedgerEntry.ListAsync(database.Database.DataSource, version.Id, CancellationToken.None);

    private IReadOnlyList<MimeMessage> MessagesOf(ReportVersion version) =>
        Smtp.Messages().Where(m => (m.MessageId ?? "").StartsWith($"rv-{version.Id}.", StringComparison.Ordinal)).ToList();

    private static string Decoded(MimeMessage message)
    {
        using var decoded = new MemoryStream();
        message.Attachments.OfType<MimePart>().First().Content!.DecodeTo(decoded);
        return DeliveryTestData.Sha256(decoded.ToArray());
    }

    [Fact]
    public async Task DeliverAsync_SendsEveryRecipientOnce_WithByteIdenticalAttachments_AndAVietnameseSubject()
    {
        var version = DeliveryTestData.Version();
        var files = DeliveryTestData.Files(version);

        var outcome = await Delivery().DeliverAsync(version, files, CancellationToken.None);

        Assert.Equal(new DeliveryOutcome(3, 0, 0, 0), outcome); // Sở Nội vụ, own copy, file drop
        var messages = MessagesOf(version);
        Assert.Equal(
            new[] { DeliveryTestData.Superior, "vanthu@stp.angiang.gov.vn" }.Order(),
            messages.Select(m => m.To.Mailboxes.Single().Address).Order());
        foreach (var message in messages)
        {
            Assert.Equal("Báo cáo kết quả thực hiện công tác CCHC năm 2026 - Sở Tư pháp - Số 15/BC-STP", message.Subject);
            var recipient = message.To.Mailboxes.Single().Address;
            Assert.Equal(MessageIds.ForReport(version.Id, 2, recipient, "reporting.local"), message.MessageId);
            Assert.Contains("Báo cáo số 15/BC-STP ngày 03 tháng 12 năm 2026", message.TextBody ?? "", StringComparison.Ordinal);
            var attachments = message.Attachments.OfType<MimePart>().ToList();
            Assert.Equal(files.Select(f => f.FileName), attachments.Select(a => a.FileName));
            foreach (var (file, part) in files.Zip(attachments))
            {
                using var decoded = new MemoryStream();
                await part.Content!.DecodeToAsync(decoded);
                Assert.Equal(DeliveryTestData.Sha256(file.Content), DeliveryTestData.Sha256(decoded.ToArray()));
                Assert.Equal(file.ContentType, part.ContentType.MimeType);
            }
        }

        var ledger = await LedgerAsync(version);
        Assert.All(ledger, row => Assert.Equal(("sent", 1), (row.State, row.Attempts)));
    }

    [Fact]
    public async Task DeliverAsync_CalledAgain_SendsNothingNew()
    {
        var version = DeliveryTestData.Version();
        var files = DeliveryTestData.Files(version, 10_000);
        var delivery = Delivery();
        await delivery.DeliverAsync(version, files, CancellationToken.None);

        var again = await delivery.DeliverAsync(version, files, CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(1));
        var retried = await delivery.RunDueAsync(CancellationToken.None);

        Assert.Equal(new DeliveryOutcome(0, 3, 0, 0), again);
        Assert.Equal(0, retried);
        Assert.Equal(2, MessagesOf(version).Count);
    }

    [Fact]
    public async Task ServerStoppedDuringACycle_LeavesTheRestPending_AndEachIsSentExactlyOnceWhenItReturns()
    {
        var version = DeliveryTestData.Version("SXD", "SXD", 7, "BC-SXD");
        await using (var connection = await database.Database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                "insert into delivery_recipient (report_kind, unit_code, channel, address, label, sort_order) values ('annual', 'SXD', 'email', 'vanthu@vpubnd.angiang.gov.vn', 'Văn phòng UBND tỉnh', 20)");
        }

        // The rows go out in ledger order: Sở Nội vụ, own copy, file drop, then the extra recipient. The server dies
        // while the file drop is being written, in the middle of the cycle.
        var drop = new FileDrop { BeforeRename = _ => Smtp.StopAsync() };
        var outcome = await Delivery(fileDrop: drop).DeliverAsync(version, DeliveryTestData.Files(version, 20_000), CancellationToken.None);

        Assert.Equal(new DeliveryOutcome(3, 0, 0, 1), outcome);
        var waiting = Assert.Single(await LedgerAsync(version), r => r.State == "pending");
        Assert.Equal(("vanthu@vpubnd.angiang.gov.vn", 1), (waiting.Recipient, waiting.Attempts));
        Assert.Contains("SocketException", waiting.LastError ?? "", StringComparison.Ordinal);
        Assert.Equal(_clock.GetUtcNow().AddSeconds(60).UtcDateTime, waiting.NextAttemptAt);

        // Still down at the first retry: back-off doubles.
        _clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(1, await Delivery().RunDueAsync(CancellationToken.None));
        waiting = Assert.Single(await LedgerAsync(version), r => r.State == "pending");
        Assert.Equal(_clock.GetUtcNow().AddSeconds(120).UtcDateTime, waiting.NextAttemptAt);

        await Smtp.RestartAsync();
        Assert.Equal(0, await Delivery().RunDueAsync(CancellationToken.None)); // not due yet
        _clock.Advance(TimeSpan.FromSeconds(120));
        Assert.Equal(1, await Delivery().RunDueAsync(CancellationToken.None));

        Assert.All(await LedgerAsync(version), row => Assert.Equal("sent", row.State));
        var counts = MessagesOf(version).GroupBy(m => m.MessageId ?? "").ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3, counts.Count);
        Assert.All(counts.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task TemporaryRejection_IsRetriedWithBackoff_AndThenSentOnce()
    {
        var version = DeliveryTestData.Version();
        await Smtp.CommandAsync("tempfail 1");

        var outcome = await Delivery().DeliverAsync(version, DeliveryTestData.Files(version, 5_000), CancellationToken.None);

        Assert.Equal(new DeliveryOutcome(2, 0, 0, 1), outcome);
        var waiting = Assert.Single(await LedgerAsync(version), r => r.State == "pending");
        Assert.StartsWith("451 ", waiting.LastError ?? "", StringComparison.Ordinal);
        _clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(1, await Delivery().RunDueAsync(CancellationToken.None));
        Assert.All(await LedgerAsync(version), row => Assert.Equal("sent", row.State));
        Assert.Equal(2, MessagesOf(version).Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(2, MessagesOf(version).Count);
    }

    [Fact]
    public async Task PermanentRejection_EndsAsFailedWithTheServersReply_WhileTheOthersAreDeliveredOnce()
    {
        var version = DeliveryTestData.Version();
        await Smtp.CommandAsync("reject vanthu@stp.angiang.gov.vn");

        var outcome = await Delivery().DeliverAsync(version, DeliveryTestData.Files(version, 5_000), CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(2));
        await Delivery().RunDueAsync(CancellationToken.None);
        var again = await Delivery().DeliverAsync(version, DeliveryTestData.Files(version, 5_000), CancellationToken.None);

        Assert.Equal(new DeliveryOutcome(2, 0, 1, 0), outcome);
        Assert.Equal(new DeliveryOutcome(0, 2, 1, 0), again);
        var failed = Assert.Single(await LedgerAsync(version), r => r.State == "failed");
        Assert.Equal(("vanthu@stp.angiang.gov.vn", 1), (failed.Recipient, failed.Attempts));
        Assert.StartsWith("550 ", failed.LastError ?? "", StringComparison.Ordinal);
        Assert.Contains("Recipient address rejected", failed.LastError ?? "", StringComparison.Ordinal);
        var superior = Assert.Single(MessagesOf(version));
        Assert.Equal(DeliveryTestData.Superior, superior.To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task UnknownOutcome_UnderTheResendPolicy_IsSentAgainWithTheSameMessageId()
    {
        var version = DeliveryTestData.Version();
        await Smtp.CommandAsync("drop-after-data 1");

        var outcome = await Delivery().DeliverAsync(version, DeliveryTestData.Files(version, 5_000), CancellationToken.None);

        Assert.Equal(new DeliveryOutcome(2, 0, 0, 1), outcome);
        var unknown = Assert.Single(await LedgerAsync(version), r => r.State == "unknown");
        _clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(1, await Delivery().RunDueAsync(CancellationToken.None));

        Assert.Equal("sent", (await LedgerAsync(version)).Single(r => r.Id == unknown.Id).State);
        var copies = MessagesOf(version).Where(m => m.MessageId == unknown.MessageId).ToList();
        Assert.Equal(2, copies.Count); // the server did keep the first: a recognisable duplicate, nothing lost
        Assert.Equal(Decoded(copies[0]), Decoded(copies[1]));
    }

    [Fact]
    public async Task UnknownOutcome_UnderTheHoldPolicy_WaitsForTheOperator()
    {
        var version = DeliveryTestData.Version();
        await Smtp.CommandAsync("drop-after-data 1");
        var delivery = Delivery(UnknownOutcomePolicy.Hold);

        await delivery.DeliverAsync(version, DeliveryTestData.Files(version, 5_000), CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(0, await delivery.RunDueAsync(CancellationToken.None));
        var unknown = Assert.Single(await LedgerAsync(version), r => r.State == "unknown");

        await delivery.ResolveAsync(unknown.Id, resend: false, "Văn thư Sở Nội vụ xác nhận đã nhận.", CancellationToken.None);

        Assert.Equal("sent", (await LedgerAsync(version)).Single(r => r.Id == unknown.Id).State);
        Assert.Single(MessagesOf(version), m => m.MessageId == unknown.MessageId);
    }

    [Theory]
    [InlineData(UnknownOutcomePolicy.Resend, "sent")]
    [InlineData(UnknownOutcomePolicy.Hold, "unknown")]
    public async Task AWorkerThatDiedMidSend_LeavesItsEmailUnknownWhenTheLeaseRunsOut_AndThePolicyDecides(UnknownOutcomePolicy policy, string expected)
    {
        var version = DeliveryTestData.Version();
        await Smtp.StopAsync();
        await Delivery(policy).DeliverAsync(version, DeliveryTestData.Files(version, 2_000), CancellationToken.None);
        await Smtp.RestartAsync();
        await using (var connection = await database.Database.DataSource.OpenConnectionAsync())
        {
            // What a worker killed between claim and outcome leaves behind.
            await connection.ExecuteAsync(
                "update delivery set state = 'sending', attempts = attempts + 1, lease_until = @lease where report_version_id = @id and channel = 'email'",
                new { lease = _clock.GetUtcNow().AddSeconds(30), id = version.Id });
        }

        Assert.Equal(0, await Delivery(policy).RunDueAsync(CancellationToken.None)); // lease still running: hands off
        _clock.Advance(TimeSpan.FromSeconds(31));
        await Delivery(policy).RunDueAsync(CancellationToken.None);

        var emails = (await LedgerAsync(version)).Where(r => r.Channel == "email").ToList();
        Assert.Equal(2, emails.Count);
        Assert.All(emails, r => Assert.Equal(expected, r.State));
        Assert.All(emails, r => Assert.Contains("dừng giữa chừng", r.LastError ?? "", StringComparison.Ordinal));
        Assert.Equal(expected == "sent" ? 2 : 0, MessagesOf(version).Count);
    }

    [Fact]
    public async Task TwoWorkers_RunningTheSameDueRows_SendEachExactlyOnce()
    {
        await Smtp.StopAsync();
        var versions = Enumerable.Range(0, 12).Select(_ => DeliveryTestData.Version()).ToList();
        foreach (var version in versions)
        {
            await Delivery().DeliverAsync(version, DeliveryTestData.Files(version, 2_000), CancellationToken.None);
        }

        await Smtp.RestartAsync();
        _clock.Advance(TimeSpan.FromSeconds(60));
        var attempted = await Task.WhenAll(Task.Run(() => Delivery().RunDueAsync(CancellationToken.None)),
                                           Task.Run(() => Delivery().RunDueAsync(CancellationToken.None)));

        Assert.True(attempted.Sum() >= 24, $"attempted {attempted.Sum()}"); // other tests' due rows may join in
        foreach (var version in versions)
        {
            Assert.All(await LedgerAsync(version), row => Assert.Equal((version.Id, "sent", row.Channel == "email" ? 2 : 1), (version.Id, row.State, row.Attempts)));
        }

        var emails = new List<string>();
        foreach (var version in versions)
        {
            emails.AddRange((await LedgerAsync(version)).Where(r => r.Channel == "email").Select(r => r.MessageId!));
        }

        var counts = versions.SelectMany(MessagesOf).GroupBy(m => m.MessageId ?? "").ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(emails.Order(), counts.Keys.Order());
        Assert.All(counts.Values, n => Assert.Equal(1, n));
    }
}
