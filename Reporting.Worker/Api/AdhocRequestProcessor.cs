using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reporting.Worker.Database;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Api;

/// <summary>Wakes the processor when a request is queued, so it need not wait for the next poll.</summary>
public sealed class AdhocQueueSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _channel.Writer.TryWrite(true);

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _channel.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the poll interval passed: look at the queue anyway (another process may have queued)
        }
    }
}

/// <summary>
/// Tells the status requests waiting in this process (<c>GET /api/reports/{id}?wait=</c>) that some request has just
/// been answered, so they look again now instead of at their next check. Each answer wakes every waiter once (each
/// re-reads its own row); requests answered by another process are seen at the waiters' periodic re-read.
/// </summary>
public sealed class AdhocCompletions
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next answer after this call. Take it before reading the row, so none is missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Answered() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}

/// <summary>
/// Works the ad hoc request queue (table adhoc_request) with <see cref="ApiOptions.QueueConcurrency"/> loops in
/// this process (default 2, the shared Chromium printer's pages at once). Each loop claims one request at a time
/// with <c>for update skip locked</c> and a lease, so loops and processes never take the same request, and a request
/// whose worker died is taken over after the lease. For each: fingerprint → reuse an identical report, or produce →
/// store → done. Identical requests (same parameters' hash) are serialised by a transaction-scoped advisory lock, so
/// two of them claimed at the same moment render once: the second finds the first one's product.
/// At-least-once: a retried request finds the product its predecessor stored and reuses it.
/// </summary>
public sealed class AdhocRequestProcessor(
    Warehouse warehouse,
    IAdhocReportProducer producer,
    AdhocQueueSignal signal,
    IOptions<ApiOptions> options,
    ILogger<AdhocRequestProcessor> logger,
    AdhocCompletions? completions = null) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.QueueConcurrency).Select(_ => Task.Run(() => LoopAsync(stoppingToken), CancellationToken.None)));

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.PollIntervalMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            bool worked;
            try
            {
                worked = await ProcessOneAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Hàng đợi báo cáo: lỗi khi lấy yêu cầu; thử lại sau {Interval}.", interval);
                worked = false;
            }

            if (!worked)
            {
                try
                {
                    await signal.WaitAsync(interval, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Processes one queued request; false when the queue was empty.</summary>
    public async Task<bool> ProcessOneAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        RequestRow? claimed;
        await using (var connection = await warehouse.OpenConnectionAsync(cancellationToken))
        {
            await connection.ExecuteAsync(Command("request_exhausted", new { max_attempts = o.MaxAttempts }, cancellationToken));
            claimed = await connection.QuerySingleOrDefaultAsync<RequestRow>(Command("request_claim",
                new { lease_seconds = o.LeaseSeconds, max_attempts = o.MaxAttempts }, cancellationToken));
        }

        if (claimed is null)
        {
            return false;
        }

        // One wake-up reaches one idle loop: pass it on, so that another idle loop (of this process) looks at the
        // queue now rather than at its next poll when several requests arrived together.
        signal.Notify();

        // Claimed: the lease is ours until it runs out; a crash from here on means another worker redoes it all.
        try
        {
            await AnswerAsync(claimed, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: hand the request back to the queue now rather than after the lease.
            await using var connection = await warehouse.OpenConnectionAsync(CancellationToken.None);
            await connection.ExecuteAsync(Command("request_release", new { id = claimed.Id }, CancellationToken.None));
            throw;
        }
        catch (ReportingException ex)
        {
            await FailAsync(claimed.Id, ex.Code, ex.Message, cancellationToken);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Tạo báo cáo cho yêu cầu {RequestId} thất bại.", claimed.Id);
            await FailAsync(claimed.Id, ErrorCodes.ApiProductionFailed, "Tạo báo cáo thất bại do lỗi hệ thống; xin thử lại hoặc báo quản trị.", cancellationToken);
        }

        // Answered (done or failed, committed): the status requests waiting for it answer now.
        completions?.Answered();
        return true;
    }

    private async Task AnswerAsync(RequestRow claimed, CancellationToken cancellationToken)
    {
        var request = claimed.ToRequest();
        var progress = new DatabaseProgress(warehouse, options.Value.LeaseSeconds, claimed.Id);
        await progress.ReportAsync(5, "tính dấu vân tay dữ liệu", cancellationToken);
        var fingerprint = await producer.FingerprintAsync(request, cancellationToken);

        // One transaction from the lock to the answer: an identical request claimed meanwhile waits on the lock (the
        // transaction's end releases it, also when this worker dies) and then finds this product instead of
        // rendering the same report again.
        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(Command("product_lock", new { request_hash = claimed.RequestHash }, cancellationToken, tx));
        var existing = await connection.QuerySingleOrDefaultAsync<long?>(Command("product_find",
            new { request_hash = claimed.RequestHash, fingerprint }, cancellationToken, tx));
        if (existing is { } productId)
        {
            // Same parameters, same data: the report already made answers; nothing is rendered.
            await connection.ExecuteAsync(Command("request_done", new { id = claimed.Id, product_id = productId, reused = true }, cancellationToken, tx));
            await tx.CommitAsync(cancellationToken);
            return;
        }

        var produced = await producer.ProduceAsync(request, progress, cancellationToken);
        foreach (var format in request.Formats)
        {
            if (!produced.Files.Any(f => f.Format == format))
            {
                throw new ReportingException(ErrorCodes.ApiProductionFailed, $"Bộ tạo báo cáo không trả về tệp {format}.");
            }
        }

        var product = await connection.QuerySingleAsync<ProductRow>(Command("product_insert", new
        {
            request_hash = claimed.RequestHash,
            fingerprint = produced.Fingerprint,
            report_version_id = produced.ReportVersionId,
            producer = producer.Name,
        }, cancellationToken, tx));
        if (product.Created)
        {
            foreach (var file in produced.Files)
            {
                await connection.ExecuteAsync(Command("file_insert", new
                {
                    product_id = product.Id,
                    format = file.Format,
                    file_name = file.FileName,
                    content_type = file.ContentType,
                    content = file.Content,
                    archive_entry_id = file.ArchiveEntryId,
                    sha256 = file.Sha256,
                    size = file.Size,
                }, cancellationToken, tx));
            }
        }

        await connection.ExecuteAsync(Command("request_done", new { id = claimed.Id, product_id = product.Id, reused = !product.Created }, cancellationToken, tx));
        await tx.CommitAsync(cancellationToken);

        // Done: files and the answer are one transaction; a retry after this point finds the request done.
    }

    private async Task FailAsync(Guid id, string code, string message, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(Command("request_failed", new { id, error_code = code, error_message = message }, cancellationToken));
    }

    private static CommandDefinition Command(string name, object parameters, CancellationToken cancellationToken, System.Data.IDbTransaction? transaction = null) =>
        new(SqlFiles.Get($"queries/api/{name}"), parameters, transaction, cancellationToken: cancellationToken);

    private sealed class DatabaseProgress(Warehouse warehouse, int leaseSeconds, Guid id) : IAdhocProgress
    {
        public async Task ReportAsync(int percent, string stage, CancellationToken cancellationToken)
        {
            await using var connection = await warehouse.OpenConnectionAsync(cancellationToken);
            await connection.ExecuteAsync(Command("request_progress", new
            {
                id,
                progress = (short)Math.Clamp(percent, 0, 99),
                stage,
                lease_seconds = leaseSeconds,
            }, cancellationToken));
        }
    }

    private sealed class ProductRow
    {
        public long Id { get; init; }

        public bool Created { get; init; }
    }
}
