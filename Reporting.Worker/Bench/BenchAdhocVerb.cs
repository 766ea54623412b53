using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reporting.Worker.Api;
using Reporting.Worker.Cli;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Jobs;

namespace Reporting.Worker.Bench;

/// <summary>
/// <c>bench adhoc [--clients 10] [--requests 3]</c>: POST /api/reports → poll → GET the PDF, through the real API
/// host (the <c>serve</c> host, in-process on 127.0.0.1, port chosen by the system) on the configured (scratch)
/// warehouse, with an admin key made by the keys store. First one client (the baseline), then --clients at once;
/// each client makes --requests requests in turn, each with a different window so none is answered by reuse (also not by an earlier run's reports: the windows start
/// one day earlier per request the database has already seen).
/// Prints p50/p95/max of the time to a downloaded PDF (target: p95 ≤ 3 s with 10 clients), and where each phase's
/// time went: POST, waiting in the queue (claim time − queued time, from the rows), producing (answered − claimed;
/// the stages timed inside it: extract, render, sign, archive), noticing (client saw "done" − answered: the client's
/// poll) and the download. <c>--concurrency</c> sets <c>Api:QueueConcurrency</c>, <c>--poll</c> the client's poll
/// interval (ms), <c>--wait N</c> makes the client wait on the status instead (<c>?wait=N</c>, answered at the end).
/// </summary>
public sealed class BenchAdhocVerb : IVerb
{
    public string Name => "bench adhoc";

    public string Summary => "đo API báo cáo đột xuất: gửi yêu cầu đến khi tải được PDF, 1 và 10 máy khách";

    public string Help => """
        bench adhoc [--clients 10] [--requests 3] [--unit AG.TTPVHCC] [--concurrency 2] [--poll 50] [--wait 0]
          Khởi động máy chủ API (như 'serve') trên 127.0.0.1 với CSDL đang cấu hình (dùng CSDL nháp), tạo một
          khóa admin, rồi đo thời gian từ POST /api/reports đến khi tải xong PDF: 1 máy khách (cơ sở), rồi --clients
          máy khách cùng lúc, mỗi máy --requests yêu cầu (khoảng thời gian khác nhau để không dùng lại báo cáo cũ).
          In p50, p95, lớn nhất và thời gian từng giai đoạn (gửi, chờ hàng đợi, tạo báo cáo: trích xuất/kết xuất/ký/
          lưu trữ, nhận biết xong, tải về). Mục tiêu p95 ≤ 3 s với 10 máy khách.
          --concurrency: số yêu cầu xử lý cùng lúc (Api:QueueConcurrency); --poll: chu kỳ hỏi trạng thái (ms);
          --wait N: hỏi trạng thái kiểu chờ (GET /api/reports/{id}?wait=N, trả lời ngay khi xong) thay vì hỏi định kỳ.
        """;

    private int _window;

    // The windows' first day: earlier by one day per request already in the database, so each run's windows are new.
    private DateOnly _from = new(2026, 1, 1);

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("clients", "requests", "unit", "concurrency", "poll", "wait");
        var clients = Math.Max(1, args.GetInt("clients", 10));
        var requests = Math.Max(1, args.GetInt("requests", 3));
        var unit = args.Get("unit") ?? "AG.TTPVHCC";
        _poll = TimeSpan.FromMilliseconds(Math.Max(1, args.GetInt("poll", 50)));
        _wait = Math.Clamp(args.GetInt("wait", 0), 0, ReportsApi.MaxWaitSeconds);
        var overrides = new Dictionary<string, string?>
        {
            ["Serve:Urls"] = "http://127.0.0.1:0",
            ["Api:RequestsPerMinute"] = "100000", // the limiter is per key; the bench is one key polling
            ["Api:PollIntervalMilliseconds"] = "200",
        };
        if (args.Get("concurrency") is { } concurrency)
        {
            overrides["Api:QueueConcurrency"] = concurrency;
        }

        await context.Out.WriteLineAsync(BenchKit.MachineLine());
        BenchKit.EnsureDevCertificates(context);
        var configuration = BenchKit.Override(context.Configuration, overrides);
        var warehouse = await context.WarehouseAsync(cancellationToken);
        var (token, prefix) = await new ApiKeyStore(warehouse).CreateAsync("AG.SNV", ApiRole.Admin, cancellationToken);
        await using (var connection = await warehouse.OpenConnectionAsync(cancellationToken))
        {
            var seen = await connection.ExecuteScalarAsync<long>(new CommandDefinition(Database.SqlFiles.Get("queries/api/bench_request_count"), cancellationToken: cancellationToken));
            _from = _from.AddDays(-(int)(seen % 250));
        }

        var clock = new StageClock();
        await using var app = WorkerHost.Build(configuration, context.Settings, warehouse, services => TimeProducer(clock.Wrap(services), clock));
        await WorkerHost.PrepareAsync(app.Services, cancellationToken);
        await app.StartAsync(cancellationToken);
        try
        {
            using var http = new HttpClient { BaseAddress = ApiHost.Address(app), Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            await OneAsync(http, unit, cancellationToken); // warm-up: browser, key, JIT
            var singleRuns = new List<Run>();
            var before = clock.Totals;
            for (var i = 0; i < requests; i++)
            {
                singleRuns.Add(await OneAsync(http, unit, cancellationToken));
            }

            var singleStages = Difference(clock.Totals, before);
            var manyRuns = new List<Run>();
            before = clock.Totals;
            var wall = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
            {
                for (var i = 0; i < requests; i++)
                {
                    var run = await OneAsync(http, unit, cancellationToken);
                    lock (manyRuns)
                    {
                        manyRuns.Add(run);
                    }
                }
            }));
            wall.Stop();
            var manyStages = Difference(clock.Totals, before);
            var single = singleRuns.Select(r => r.Total).ToList();
            var many = manyRuns.Select(r => r.Total).ToList();

            await context.Out.WriteLineAsync($"API {http.BaseAddress}, khóa {prefix}, đơn vị {unit}, báo cáo đột xuất PDF");
            await context.Out.WriteLineAsync($"1 máy khách (cơ sở), {single.Count} yêu cầu:   {Line(single)}");
            await context.Out.WriteLineAsync($"{clients} máy khách đồng thời, {many.Count} yêu cầu: {Line(many)}; {BenchKit.F(many.Count / wall.Elapsed.TotalSeconds * 60)} báo cáo/phút");
            var p95 = BenchKit.Percentile(many, 0.95);
            await context.Out.WriteLineAsync($"p95 với {clients} máy khách: {BenchKit.S(p95)} = {BenchKit.X(p95 / BenchKit.Percentile(single, 0.95))} cơ sở (mục tiêu ≤ 3 s: {(p95 <= 3 ? "đạt" : "CHƯA ĐẠT")})");
            var concurrencyUsed = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.QueueConcurrency;
            await context.Out.WriteLineAsync($"Api:QueueConcurrency {concurrencyUsed}, máy khách {(_wait > 0 ? $"chờ trạng thái (?wait={_wait})" : $"hỏi trạng thái mỗi {_poll.TotalMilliseconds:0} ms")}; {BenchKit.MachineLine()}");
            await BreakdownAsync(context, warehouse, "1 máy khách", singleRuns, singleStages, cancellationToken);
            await BreakdownAsync(context, warehouse, $"{clients} máy khách", manyRuns, manyStages, cancellationToken);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }

        return 0;
    }

    private static string Line(List<double> t) =>
        $"p50 {BenchKit.S(BenchKit.Median(t))}, p95 {BenchKit.S(BenchKit.Percentile(t, 0.95))}, lớn nhất {BenchKit.S(t.Max())}";

    /// <summary>One request to a downloaded PDF: its id and the client's times (seconds, and UTC instants).</summary>
    private sealed record Run(Guid Id, double Total, double Post, double Download, DateTimeOffset SeenDone, int Polls);

    private sealed class Times
    {
        public Guid Id { get; init; }

        public double Created { get; init; }

        public double? Started { get; init; }

        public double? Finished { get; init; }
    }

    private static IReadOnlyList<(string Stage, double Seconds, int Calls)> Difference(
        IReadOnlyList<(string Stage, double Seconds, int Calls)> after, IReadOnlyList<(string Stage, double Seconds, int Calls)> before) =>
        [.. after.Select(a => before.FirstOrDefault(b => b.Stage == a.Stage) is var b
            ? (a.Stage, a.Seconds - b.Seconds, a.Calls - b.Calls)
            : a).Where(d => d.Item3 > 0)];

    /// <summary>Mean seconds per request of each phase of one part of the run, from the client's times, the rows'
    /// times and the stage timers.</summary>
    private static async Task BreakdownAsync(VerbContext context, Database.Warehouse warehouse, string label, List<Run> runs,
        IReadOnlyList<(string Stage, double Seconds, int Calls)> stages, CancellationToken ct)
    {
        await using var connection = await warehouse.OpenConnectionAsync(ct);
        var times = (await connection.QueryAsync<Times>(new CommandDefinition(Database.SqlFiles.Get("queries/api/bench_request_times"),
            new { ids = runs.Select(r => r.Id).ToArray() }, cancellationToken: ct))).ToDictionary(t => t.Id);
        double Mean(Func<Run, Times, double> f) => runs.Average(r => f(r, times[r.Id]));
        var queued = Mean((_, t) => (t.Started ?? t.Created) - t.Created);
        var producing = Mean((_, t) => (t.Finished ?? 0) - (t.Started ?? t.Created));
        var noticed = Mean((r, t) => r.SeenDone.ToUnixTimeMilliseconds() / 1000.0 - (t.Finished ?? 0));
        await context.Out.WriteLineAsync($"{label}, trung bình mỗi yêu cầu ({runs.Count}): tổng {BenchKit.S(runs.Average(r => r.Total))} = " +
            $"gửi {BenchKit.S(runs.Average(r => r.Post))} + chờ hàng đợi {BenchKit.S(queued)} + tạo báo cáo {BenchKit.S(producing)} + " +
            $"nhận biết xong {BenchKit.S(noticed)} ({BenchKit.F(runs.Average(r => r.Polls))} lần hỏi) + tải về {BenchKit.S(runs.Average(r => r.Download))} (+ lệch đồng hồ)");
        await context.Out.WriteLineAsync("  trong 'tạo báo cáo' (tổng thời gian trong giai đoạn / số yêu cầu; các yêu cầu chạy song song cộng dồn):");
        foreach (var (stage, seconds, calls) in stages)
        {
            await context.Out.WriteLineAsync($"    {stage}: {BenchKit.S(seconds / runs.Count)} ({calls} lần gọi)");
        }
    }

    /// <summary>Times the processor's two calls to the producer: the fingerprint (the reuse check) and the production.</summary>
    private static void TimeProducer(IServiceCollection services, StageClock clock)
    {
        var descriptor = services.Last(d => d.ServiceType == typeof(IAdhocReportProducer));
        var type = descriptor.ImplementationType ?? throw new InvalidOperationException("producer registered without a type");
        services.Remove(descriptor);
        services.AddSingleton(type);
        services.AddSingleton<IAdhocReportProducer>(s => new TimedProducer((IAdhocReportProducer)s.GetRequiredService(type), clock));
    }

    private sealed class TimedProducer(IAdhocReportProducer inner, StageClock clock) : IAdhocReportProducer
    {
        public string Name => inner.Name;

        public Task<string> FingerprintAsync(AdhocReportRequest request, CancellationToken cancellationToken) =>
            clock.TimeAsync("dấu vân tay (fingerprint, gồm trích xuất)", () => inner.FingerprintAsync(request, cancellationToken));

        public Task<ProducedReport> ProduceAsync(AdhocReportRequest request, IAdhocProgress progress, CancellationToken cancellationToken) =>
            clock.TimeAsync("tạo (produce: pipeline + đọc lại từ lưu trữ)", () => inner.ProduceAsync(request, progress, cancellationToken));
    }

    private TimeSpan _poll = TimeSpan.FromMilliseconds(50);

    private int _wait;

    private async Task<Run> OneAsync(HttpClient http, string unit, CancellationToken ct)
    {
        var to = new DateOnly(2026, 3, 1).AddDays(Interlocked.Increment(ref _window));
        var from = _from;
        var watch = Stopwatch.StartNew();
        using var post = await http.PostAsJsonAsync("/api/reports", new
        {
            kind = "adhoc",
            unit,
            from = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            to = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            formats = new[] { "pdf" },
        }, ct);
        var body = await post.Content.ReadAsStringAsync(ct);
        var posted = watch.Elapsed.TotalSeconds;
        if ((int)post.StatusCode != 202)
        {
            throw new ReportingException(ErrorCodes.BenchToolFailed, $"POST /api/reports trả {(int)post.StatusCode}: {body}");
        }

        var location = JsonDocument.Parse(body).RootElement.GetProperty("location").GetString()!;
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        var polls = 0;
        while (true)
        {
            if (_wait == 0)
            {
                await Task.Delay(_poll, ct);
            }

            polls++;
            using var status = JsonDocument.Parse(await http.GetStringAsync(_wait > 0 ? $"{location}?wait={_wait}" : location, ct));
            var state = status.RootElement.GetProperty("state").GetString();
            if (state == "done")
            {
                break;
            }

            if (state == "failed")
            {
                throw new ReportingException(ErrorCodes.BenchToolFailed, $"Yêu cầu {location} lỗi: {status.RootElement}");
            }

            if (watch.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new ReportingException(ErrorCodes.BenchToolFailed, $"Yêu cầu {location} quá 5 phút.");
            }
        }

        var seen = DateTimeOffset.UtcNow;
        var done = watch.Elapsed.TotalSeconds;
        var pdf = await http.GetByteArrayAsync(location + "/pdf", ct);
        watch.Stop();
        if (pdf.Length < 5 || pdf[0] != '%' || pdf[1] != 'P')
        {
            throw new ReportingException(ErrorCodes.BenchToolFailed, $"{location}/pdf không phải PDF.");
        }

        return new Run(id, watch.Elapsed.TotalSeconds, posted, watch.Elapsed.TotalSeconds - done, seen, polls);
    }
}
