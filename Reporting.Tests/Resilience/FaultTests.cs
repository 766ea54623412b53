using Microsoft.Extensions.DependencyInjection;
using Reporting.Templates.Pdf;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Archive;
using Reporting.Worker.Deliver;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Jobs;
using Reporting.Worker.Pipeline;
using Reporting.Worker.Tracking;
using Xunit.Abstractions;

namespace Reporting.Tests.Resilience;

/// <summary>
/// Faults in the middle of a cycle on the REAL stages (extract, Razor + Chromium, system seal, archive, MailKit to a
/// real SMTP server on loopback), driven as <c>run --unit</c> drives them (<see cref="CycleRunner"/>): the mail
/// server away for a while, Chromium killed while a report prints, the archive's disk full. Each fault must end
/// cleanly (a stable code and a Vietnamese reason on the run, nothing half-written, no number taken twice, no mail
/// sent twice) and the work must complete once the fault clears. docs/RESILIENCE.md describes each scenario.
/// </summary>
[Trait("Category", "Resilience")]
public sealed class FaultTests(FaultProvinceFixture province, ITestOutputHelper output) : IClassFixture<FaultProvinceFixture>, IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("reporting-faults-").FullName;
    private TestDatabase Db => province.Database;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_work, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SmtpServerDown_ReportsAreIssuedAndArchived_SendsWaitWithTheirReason_AndTheRetryJobSendsEachOnceWhenItIsBack()
    {
        const string kind = "annual", period = "2026";
        await using var smtp = await TestSmtpServer.StartAsync();
        await smtp.StopAsync(); // down: every connection is refused
        var clock = new ManualClock(FaultProvinceFixture.SeedNow);
        var configuration = FaultKit.Configuration(Db, _work, Path.Combine(_work, "archive"), smtp.Port);
        await using var services = await FaultKit.PipelineAsync(Db, configuration, clock);
        var archive = services.GetRequiredService<ArchiveStore>();
        var retryJob = new DeliveryJobs(services.GetRequiredService<ReportDelivery>(), services.GetRequiredService<TrackingServices>(), clock);
        var units = province.Units.Take(2).ToList();
        var numbersBefore = await FaultKit.NumbersTakenAsync(Db);

        var outcomes = new List<RunOutcome>();
        foreach (var unit in units)
        {
            outcomes.Add(await FaultKit.RunUnitAsync(services, kind, period, unit));
        }

        // Issued (signed, numbered, archived) although nothing could be sent; the run says why, with its code.
        foreach (var outcome in outcomes)
        {
            Assert.True(outcome.State == "issued", $"{outcome.UnitCode}: {outcome.State} {outcome.Reason}");
            Assert.StartsWith($"[{ErrorCodes.DeliveryPending}] ", outcome.Reason, StringComparison.Ordinal);
            Assert.Contains("sẽ tự gửi lại", outcome.Reason, StringComparison.Ordinal);
            var run = await FaultKit.RunRowAsync(Db, kind, period, outcome.UnitCode);
            Assert.Equal(("done", outcome.Reason), (run.State, run.Reason));
            Assert.Contains($"[{ErrorCodes.DeliveryPending}]", await FaultKit.RunsShowLineAsync(Db, configuration, kind, period, outcome.UnitCode), StringComparison.Ordinal);
            Assert.Equal("issued", await FaultKit.ScalarAsync<string>(Db, "select state from report_version where id = @id", new { id = outcome.Version!.Id }));
            foreach (var role in new[] { ArchiveRole.IssuedPdf, ArchiveRole.Workbook })
            {
                var entry = await archive.FindAsync(outcome.Version.Id, role, CancellationToken.None);
                Assert.NotNull(entry);
                var bytes = await archive.ReadAsync(entry, CancellationToken.None); // hash-checked
                Assert.Equal(entry.Size, bytes.LongLength);
            }
        }

        Assert.Equal(units.Count, outcomes.Select(o => o.Version!.DocumentNumberText).Distinct().Count());
        Assert.Equal(numbersBefore + units.Count, await FaultKit.NumbersTakenAsync(Db));

        // The ledger holds every send as pending, with the reason and a due retry; nothing arrived.
        var ids = outcomes.Select(o => o.Version!.Id).ToArray();
        async Task<IReadOnlyList<(string State, int Attempts, string? Error)>> LedgerAsync() =>
            await FaultKit.QueryAsync<(string, int, string?)>(Db,
                "select state, attempts, last_error from delivery where report_version_id = any(@ids) and channel = 'email' order by id", new { ids });
        var ledger = await LedgerAsync();
        Assert.True(ledger.Count >= units.Count, $"{ledger.Count} ledger rows");
        Assert.All(ledger, r =>
        {
            Assert.Equal(("pending", 1), (r.State, r.Attempts));
            Assert.Contains("refused", r.Error, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Empty(smtp.Messages());

        // The retry job while the server is still down: still pending (not failed, not lost), one more attempt.
        clock.Advance(TimeSpan.FromMinutes(2));
        await retryJob.RetryDueAsync(CancellationToken.None);
        Assert.All(await LedgerAsync(), r => Assert.Equal(("pending", 2), (r.State, r.Attempts)));

        // Back, but refusing for a while: 451 to every recipient. Still pending, with the server's reply.
        await smtp.RestartAsync();
        await smtp.CommandAsync($"tempfail {ledger.Count}");
        clock.Advance(TimeSpan.FromMinutes(5));
        await retryJob.RetryDueAsync(CancellationToken.None);
        Assert.All(await LedgerAsync(), r =>
        {
            Assert.Equal(("pending", 3), (r.State, r.Attempts));
            Assert.StartsWith("451", r.Error, StringComparison.Ordinal);
        });
        Assert.Empty(smtp.Messages());

        // Accepting again: the retry job sends each (version, recipient) exactly once.
        await smtp.CommandAsync("clear");
        clock.Advance(TimeSpan.FromMinutes(10));
        await retryJob.RetryDueAsync(CancellationToken.None);
        Assert.All(await LedgerAsync(), r => Assert.Equal("sent", r.State));
        var messageIds = await FaultKit.QueryAsync<string>(Db,
            "select message_id from delivery where report_version_id = any(@ids) and channel = 'email'", new { ids });
        Assert.Equal(messageIds.Order(StringComparer.Ordinal), smtp.Messages().Select(m => m.MessageId).Order(StringComparer.Ordinal));
        Assert.All(smtp.CountByMessageId(), c => Assert.Equal(1, c.Value));
        foreach (var outcome in outcomes)
        {
            Assert.Single(smtp.Messages(), m => (m.Subject ?? "").Contains(outcome.Version!.DocumentNumberText, StringComparison.Ordinal)
                && m.To.Mailboxes.Any(a => a.Address == FaultKit.Superior));
        }

        // Later retries and the same cycle again send nothing more and take no number; the runs end clean.
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await services.GetRequiredService<ReportDelivery>().RunDueAsync(CancellationToken.None));
        foreach (var outcome in outcomes)
        {
            var again = await FaultKit.RunUnitAsync(services, kind, period, outcome.UnitCode);
            Assert.Equal((outcome.Version!.Id, "issued", (string?)null), (again.Version!.Id, again.State, again.Reason));
        }

        Assert.Equal(messageIds.Count, smtp.Messages().Count);
        Assert.Equal(numbersBefore + units.Count, await FaultKit.NumbersTakenAsync(Db));
        var board = await services.GetRequiredService<TrackingServices>().Tracker.BuildAsync(Reporting.Templates.Model.ReportKind.Annual, period, FaultProvinceFixture.SeedNow, CancellationToken.None);
        Assert.All(units, u => Assert.Equal(SubmissionState.Delivered, board.Units.Single(r => r.UnitCode == u).Status.State));
    }

    [Fact]
    public async Task ChromiumKilledMidRender_ThatReportWaitsWithItsCode_TheNextReportRelaunchesTheBrowser_AndARerunIssuesItOnce()
    {
        const string kind = "quarter", period = "2026-Q3";
        await using var smtp = await TestSmtpServer.StartAsync();
        var configuration = FaultKit.Configuration(Db, _work, Path.Combine(_work, "archive"), smtp.Port);
        await using var services = await FaultKit.PipelineAsync(Db, configuration, new ManualClock(FaultProvinceFixture.SeedNow));
        var printer = services.GetRequiredService<ChromiumPdfPrinter>();
        var (first, victim, next) = (province.Units[0], province.Units[1], province.Units[2]);
        var numbersBefore = await FaultKit.NumbersTakenAsync(Db);

        // A first report launches the shared browser.
        var firstOutcome = await FaultKit.RunUnitAsync(services, kind, period, first);
        Assert.True(firstOutcome.State == "issued", firstOutcome.Reason);
        Assert.Equal(1, printer.Launches);

        // The victim's document is loaded in Chromium and about to be printed: kill -9 every Chromium process.
        IReadOnlyList<int> killed = [];
        var armed = 1;
        printer.BeforePdfForTest = async browser =>
        {
            if (Interlocked.Exchange(ref armed, 0) == 1)
            {
                killed = await ChromiumKiller.KillAsync(browser);
            }
        };
        var failed = await FaultKit.RunUnitAsync(services, kind, period, victim);
        printer.BeforePdfForTest = null;
        output.WriteLine($"killed Chromium processes {string.Join(", ", killed)}; outcome: {failed.State} {failed.Reason}");
        Assert.NotEmpty(killed);

        // A clean failure: the run waits for a re-run with the code; its number is kept, nothing was stored or sent.
        Assert.Equal("pending", failed.State);
        Assert.StartsWith($"[{ErrorCodes.RenderBrowserCrashed}] Chromium dừng đột ngột", failed.Reason, StringComparison.Ordinal);
        var run = await FaultKit.RunRowAsync(Db, kind, period, victim);
        Assert.Equal(("pending", failed.Reason), (run.State, run.Reason));
        Assert.Contains($"[{ErrorCodes.RenderBrowserCrashed}]", await FaultKit.RunsShowLineAsync(Db, configuration, kind, period, victim), StringComparison.Ordinal);
        var versionId = Assert.NotNull(run.VersionId);
        Assert.Equal("issuing", await FaultKit.ScalarAsync<string>(Db, "select state from report_version where id = @versionId", new { versionId }));
        Assert.Equal(0, await FaultKit.ScalarAsync<long>(Db, "select count(*) from archive_entry where report_version_id = @versionId", new { versionId }));
        Assert.Equal(0, await FaultKit.ScalarAsync<long>(Db, "select count(*) from delivery where report_version_id = @versionId", new { versionId }));
        var number = await FaultKit.ScalarAsync<string>(Db, "select document_number::text from report_version where id = @versionId", new { versionId });

        // The printer recovers: the next report relaunches the browser instead of failing on the dead one.
        var nextOutcome = await FaultKit.RunUnitAsync(services, kind, period, next);
        Assert.True(nextOutcome.State == "issued", $"{nextOutcome.State} {nextOutcome.Reason}");
        Assert.Equal(2, printer.Launches);

        // Running the victim again issues the same version with the same number, archived and sent once.
        var rerun = await FaultKit.RunUnitAsync(services, kind, period, victim);
        Assert.True(rerun.State == "issued", $"{rerun.State} {rerun.Reason}");
        Assert.Equal(versionId, rerun.Version!.Id);
        Assert.Equal(number, rerun.Version.DocumentNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("done", (string?)null), ((await FaultKit.RunRowAsync(Db, kind, period, victim)).State, (await FaultKit.RunRowAsync(Db, kind, period, victim)).Reason));
        Assert.Equal(2, await FaultKit.ScalarAsync<long>(Db, "select count(*) from archive_entry where report_version_id = @versionId", new { versionId }));
        Assert.Equal(2, printer.Launches);

        Assert.Equal(numbersBefore + 3, await FaultKit.NumbersTakenAsync(Db));
        var versions = new[] { firstOutcome, nextOutcome, rerun }.Select(o => o.Version!.DocumentNumberText).ToList();
        Assert.Equal(3, versions.Distinct().Count());
        Assert.All(smtp.CountByMessageId(), c => Assert.Equal(1, c.Value));
        foreach (var text in versions)
        {
            Assert.Single(smtp.Messages(), m => (m.Subject ?? "").Contains(text, StringComparison.Ordinal) && m.To.Mailboxes.Any(a => a.Address == FaultKit.Superior));
        }
    }

    [Fact]
    public async Task ArchiveDirectoryFull_FailsWithArchiveNoSpace_LeavesNoFileRowOrMail_AndAfterFreeingSpaceARerunArchivesAndSendsOnce()
    {
        const string kind = "quarter", period = "2026-Q2";
        var unit = province.Units[0];
        await using var smtp = await TestSmtpServer.StartAsync();
        var directory = Path.Combine(_work, "archive-tmpfs");
        using var mount = TmpfsMount.TryMount(directory, "16m", out var why);
        var configuration = FaultKit.Configuration(Db, _work, directory, smtp.Port);
        await using var services = await FaultKit.PipelineAsync(Db, configuration, new ManualClock(FaultProvinceFixture.SeedNow));
        var archive = services.GetRequiredService<ArchiveStore>();
        var filler = Path.Combine(directory, "filler");
        if (mount is not null)
        {
            output.WriteLine($"disk full: a 16 MiB tmpfs mounted on {directory}, filled to the last byte");
            await using var stream = new FileStream(filler, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
            var chunk = new byte[1 << 16];
            var full = await Assert.ThrowsAsync<IOException>(async () =>
            {
                while (true)
                {
                    await stream.WriteAsync(chunk);
                    await stream.FlushAsync();
                }
            });
            output.WriteLine($"filling stopped with {full.GetType().Name} (HResult {full.HResult}): {full.Message}");
            Assert.True(ContentStore.IsDiskFull(full), $"not ENOSPC: {full.HResult} {full.Message}");
        }
        else
        {
            output.WriteLine($"disk full: STAND-IN (mount not permitted: {why.Trim()}); the content store's write throws IOException ENOSPC");
            archive.Content.BeforeWrite = _ => throw new IOException("No space left on device", 28);
        }

        var numbersBefore = await FaultKit.NumbersTakenAsync(Db);
        var failed = await FaultKit.RunUnitAsync(services, kind, period, unit);

        // A clean, coded failure: no content file, no temp file, no archive row, nothing handed to delivery.
        Assert.Equal("failed", failed.State);
        Assert.StartsWith($"[{ErrorCodes.ArchiveNoSpace}] Kho lưu trữ", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("hết dung lượng", failed.Reason, StringComparison.Ordinal);
        var run = await FaultKit.RunRowAsync(Db, kind, period, unit);
        Assert.Equal(("failed", failed.Reason), (run.State, run.Reason));
        Assert.Contains($"[{ErrorCodes.ArchiveNoSpace}]", await FaultKit.RunsShowLineAsync(Db, configuration, kind, period, unit), StringComparison.Ordinal);
        var versionId = Assert.NotNull(run.VersionId);
        Assert.Equal(0, await FaultKit.ScalarAsync<long>(Db, "select count(*) from archive_entry where report_version_id = @versionId", new { versionId }));
        Assert.Equal(0, await FaultKit.ScalarAsync<long>(Db, "select count(*) from delivery where report_version_id = @versionId", new { versionId }));
        var (hashes, temps) = archive.Content.Scan();
        Assert.Empty(hashes);
        Assert.Empty(temps);
        Assert.Empty(smtp.Messages());
        Assert.Equal(numbersBefore + 1, await FaultKit.NumbersTakenAsync(Db));

        // Space freed: running it again archives the same version (same number) whole and sends it once.
        if (mount is not null)
        {
            File.Delete(filler);
        }
        else
        {
            archive.Content.BeforeWrite = null;
        }

        var rerun = await FaultKit.RunUnitAsync(services, kind, period, unit);
        Assert.True(rerun.State == "issued", $"{rerun.State} {rerun.Reason}");
        Assert.Equal(versionId, rerun.Version!.Id);
        Assert.Equal(numbersBefore + 1, await FaultKit.NumbersTakenAsync(Db));
        var entries = await archive.ListAsync(period, unit, kind, null, CancellationToken.None);
        Assert.Equal(2, entries.Count(e => e.ReportVersionId == versionId));
        foreach (var entry in entries.Where(e => e.ReportVersionId == versionId))
        {
            var path = archive.Content.PathOf(entry.Sha256);
            Assert.Equal(entry.Size, new FileInfo(path).Length);
            Assert.Equal(entry.Sha256, ContentStore.Hash(await File.ReadAllBytesAsync(path)));
        }

        Assert.Empty(archive.Content.Scan().TempFiles);
        Assert.All(smtp.CountByMessageId(), c => Assert.Equal(1, c.Value));
        Assert.Single(smtp.Messages(), m => (m.Subject ?? "").Contains(rerun.Version.DocumentNumberText, StringComparison.Ordinal)
            && m.To.Mailboxes.Any(a => a.Address == FaultKit.Superior));
        Assert.Equal(await FaultKit.ScalarAsync<long>(Db, "select count(*) from delivery where report_version_id = @versionId and channel = 'email'", new { versionId }),
            smtp.Messages().Count);
    }
}
