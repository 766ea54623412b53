using Reporting.Worker.Database;

namespace Reporting.Worker.Cli;

public sealed class DbUpVerb : IVerb
{
    public string Name => "db up";

    public string Summary => "khởi động (hoặc dùng lại) cụm PostgreSQL riêng và áp dụng migration";

    public string Help => """
        db up
          Khởi động cụm PostgreSQL riêng dưới <DataDirectory>/pg (mặc định .data/pg) nếu chưa chạy, rồi áp dụng
          các migration trong sql/schema. Nếu đã cấu hình ConnectionStrings:Warehouse
          (biến môi trường REPORTING_ConnectionStrings__Warehouse) thì dùng cơ sở dữ liệu đó.
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly();
        var warehouse = await context.WarehouseAsync(cancellationToken);
        await context.Out.WriteLineAsync(warehouse.IsEmbedded
            ? $"Kho dữ liệu sẵn sàng: {new EmbeddedCluster(Path.Combine(context.Settings.DataDirectory, "pg")).Describe()}"
            : "Kho dữ liệu sẵn sàng (chuỗi kết nối đã cấu hình).");
        return 0;
    }
}

public sealed class DbStopVerb : IVerb
{
    public string Name => "db stop";

    public string Summary => "dừng cụm PostgreSQL riêng";

    public string Help => "db stop\n  Dừng cụm PostgreSQL riêng (không ảnh hưởng cơ sở dữ liệu đã cấu hình).";

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly();
        var stopped = await new EmbeddedCluster(Path.Combine(context.Settings.DataDirectory, "pg")).StopAsync(cancellationToken);
        await context.Out.WriteLineAsync(stopped ? "Đã dừng cụm PostgreSQL riêng." : "Cụm PostgreSQL riêng không chạy.");
        return 0;
    }
}

public sealed class DbStatusVerb : IVerb
{
    public string Name => "db status";

    public string Summary => "cho biết cụm PostgreSQL đang ở đâu";

    public string Help => "db status\n  In nơi đặt cụm PostgreSQL riêng, cổng và trạng thái; hoặc cho biết đang dùng chuỗi kết nối đã cấu hình.";

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly();
        if (context.Settings.WarehouseConnectionString is not null)
        {
            await context.Out.WriteLineAsync("Đang dùng ConnectionStrings:Warehouse đã cấu hình (không dùng cụm riêng).");
            return 0;
        }

        var cluster = new EmbeddedCluster(Path.Combine(context.Settings.DataDirectory, "pg"));
        var where = cluster.Describe();
        if (where is null)
        {
            await context.Out.WriteLineAsync("Chưa có cụm PostgreSQL riêng (chạy 'db up').");
            return 0;
        }

        var running = await cluster.IsRunningAsync(cancellationToken);
        await context.Out.WriteLineAsync($"Cụm PostgreSQL riêng: {where}; {(running ? "đang chạy" : "đã dừng")}.");
        return 0;
    }
}
