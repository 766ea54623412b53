using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Reporting.Worker.Api;
using Reporting.Worker.Cli;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Jobs;

namespace Reporting.Worker.Bench;

/// <summary>
/// <c>bench adhoc [--clients 10] [--requests 3]</c>: POST /api/reports → poll → GET the PDF, through the real API
/// host (the <c>serve</c> host, in-process on 127.0.0.1, port chosen by the system) on the configured (scratch)
/// warehouse, with an admin key made by the keys store. First one client (the baseline), then --clients at once;
/// each client makes --requests requests in turn, each with a different window so none is answered by reuse.
/// Prints p50/p95/max of the time to a downloaded PDF. Target: p95 ≤ 3 s with 10 clients.
/// </summary>
public sealed class BenchAdhocVerb : IVerb
{
    public string Name => "bench adhoc";

    public string Summary => "đo API báo cáo đột xuất: gửi yêu cầu đến khi tải được PDF, 1 và 10 máy khách";

    public string Help => """
        bench adhoc [--clients 10] [--requests 3] [--unit AG.TTPVHCC]
          Khởi động máy chủ API (như 'serve') trên 127.0.0.1 với CSDL đang cấu hình (dùng CSDL nháp), tạo một
          khóa admin, rồi đo thời gian từ POST /api/reports đến khi tải xong PDF: 1 máy khách (cơ sở), rồi --clients
          máy khách cùng lúc, mỗi máy --requests yêu cầu (khoảng thời gian khác nhau để không dùng lại báo cáo cũ).
          In p50, p95, lớn nhất. Mục tiêu p95 ≤ 3 s với 10 máy khách.
        """;

    private int _window;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("clients", "requests", "unit");
        var clients = Math.Max(1, args.GetInt("clients", 10));
        var requests = Math.Max(1, args.GetInt("requests", 3));
        var unit = args.Get("unit") ?? "AG.TTPVHCC";
        await context.Out.WriteLineAsync(BenchKit.MachineLine());
        BenchKit.EnsureDevCertificates(context);
        var configuration = BenchKit.Override(context.Configuration, new Dictionary<string, string?>
        {
            ["Serve:Urls"] = "http://127.0.0.1:0",
            ["Api:RequestsPerMinute"] = "100000", // the limiter is per key; the bench is one key polling
            ["Api:PollIntervalMilliseconds"] = "200",
        });
        var warehouse = await context.WarehouseAsync(cancellationToken);
        var (token, prefix) = await new ApiKeyStore(warehouse).CreateAsync("AG.SNV", ApiRole.Admin, cancellationToken);
        await using var app = WorkerHost.Build(configuration, context.Settings, warehouse);
        await WorkerHost.PrepareAsync(app.Services, cancellationToken);
        await app.StartAsync(cancellationToken);
        try
        {
            using var http = new HttpClient { BaseAddress = ApiHost.Address(app), Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            await OneAsync(http, unit, cancellationToken); // warm-up: browser, key, JIT
            var single = new List<double>();
            for (var i = 0; i < requests; i++)
            {
                single.Add(await OneAsync(http, unit, cancellationToken));
            }

            var many = new List<double>();
            var wall = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
            {
                for (var i = 0; i < requests; i++)
                {
                    var t = await OneAsync(http, unit, cancellationToken);
                    lock (many)
                    {
                        many.Add(t);
                    }
                }
            }));
            wall.Stop();

            await context.Out.WriteLineAsync($"API {http.BaseAddress}, khóa {prefix}, đơn vị {unit}, báo cáo đột xuất PDF");
            await context.Out.WriteLineAsync($"1 máy khách (cơ sở), {single.Count} yêu cầu:   {Line(single)}");
            await context.Out.WriteLineAsync($"{clients} máy khách đồng thời, {many.Count} yêu cầu: {Line(many)}; {BenchKit.F(many.Count / wall.Elapsed.TotalSeconds * 60)} báo cáo/phút");
            var p95 = BenchKit.Percentile(many, 0.95);
            await context.Out.WriteLineAsync($"p95 với {clients} máy khách: {BenchKit.S(p95)} = {BenchKit.X(p95 / BenchKit.Percentile(single, 0.95))} cơ sở (mục tiêu ≤ 3 s: {(p95 <= 3 ? "đạt" : "CHƯA ĐẠT")})");
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }

        return 0;
    }

    private static string Line(List<double> t) =>
        $"p50 {BenchKit.S(BenchKit.Median(t))}, p95 {BenchKit.S(BenchKit.Percentile(t, 0.95))}, lớn nhất {BenchKit.S(t.Max())}";

    /// <summary>One request to a downloaded PDF; seconds.</summary>
    private async Task<double> OneAsync(HttpClient http, string unit, CancellationToken ct)
    {
        var to = new DateOnly(2026, 3, 1).AddDays(Interlocked.Increment(ref _window));
        var watch = Stopwatch.StartNew();
        using var post = await http.PostAsJsonAsync("/api/reports", new
        {
            kind = "adhoc",
            unit,
            from = "2026-01-01",
            to = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            formats = new[] { "pdf" },
        }, ct);
        var body = await post.Content.ReadAsStringAsync(ct);
        if ((int)post.StatusCode != 202)
        {
            throw new ReportingException(ErrorCodes.BenchToolFailed, $"POST /api/reports trả {(int)post.StatusCode}: {body}");
        }

        var location = JsonDocument.Parse(body).RootElement.GetProperty("location").GetString()!;
        while (true)
        {
            await Task.Delay(50, ct);
            using var status = JsonDocument.Parse(await http.GetStringAsync(location, ct));
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

        var pdf = await http.GetByteArrayAsync(location + "/pdf", ct);
        watch.Stop();
        if (pdf.Length < 5 || pdf[0] != '%' || pdf[1] != 'P')
        {
            throw new ReportingException(ErrorCodes.BenchToolFailed, $"{location}/pdf không phải PDF.");
        }

        return watch.Elapsed.TotalSeconds;
    }
}
