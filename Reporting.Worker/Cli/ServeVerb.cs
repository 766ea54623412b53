using Reporting.Worker.Jobs;

namespace Reporting.Worker.Cli;

public sealed class ServeVerb : IVerb
{
    public string Name => "serve";

    public string Summary => "máy chủ Hangfire, bảng điều khiển và HTTP API";

    public string Help => $"""
        serve
          Chạy máy chủ Hangfire (lịch báo cáo, công việc từng đơn vị) và bảng điều khiển tại /hangfire.
          Địa chỉ: Serve:Urls (mặc định {WorkerHost.DefaultUrls}). Khi nghe ngoài loopback, bảng điều khiển chỉ
          dành cho quản trị (Serve:AdminKey qua tiêu đề X-Admin-Key hoặc basic auth "admin"); người khác chỉ xem.
          Lịch: Schedule:<kind>:Cron|DueDay|DaysBeforeDue|Enabled (giờ Việt Nam). Nhiều tiến trình serve có thể
          dùng chung một cơ sở dữ liệu: mỗi chu kỳ chỉ chạy một lần.
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly();
        var warehouse = await context.WarehouseAsync(cancellationToken);
        await using var app = WorkerHost.Build(context.Configuration, context.Settings, warehouse);
        await WorkerHost.PrepareAsync(app.Services, cancellationToken);
        await context.Out.WriteLineAsync($"Đang phục vụ tại {context.Configuration["Serve:Urls"] ?? WorkerHost.DefaultUrls} (bảng điều khiển: /hangfire). Ctrl+C để dừng.");
        await context.Out.FlushAsync(cancellationToken);
        try
        {
            await app.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        return 0;
    }
}
