using Reporting.Worker.Api;

namespace Reporting.Worker.Cli;

/// <summary>TEMPORARY: serves the HTTP API and the web page alone until the <c>serve</c> verb hosts them.</summary>
public sealed class ApiServeVerb : IVerb
{
    public string Name => "api-serve";

    public string Summary => "chỉ chạy HTTP API và trang web trên 127.0.0.1 (tạm thời, sẽ gộp vào serve)";

    public string Help => """
        api-serve [--port 5080]
          Chạy HTTP API (/api/...) và trang web (/app) trên 127.0.0.1, cùng bộ xử lý hàng đợi báo cáo.
          Dừng bằng Ctrl+C. Cấu hình trong mục "Api" (ví dụ REPORTING_Api__MaxWindowDays=366).
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("port");
        var port = args.GetInt("port", 5080);
        var warehouse = await context.WarehouseAsync(cancellationToken);
        await using var app = ApiHost.Build(warehouse, context.Configuration, port);
        await app.StartAsync(cancellationToken);
        await context.Out.WriteLineAsync($"HTTP API: {ApiHost.Address(app)}api/openapi.json · trang web: {ApiHost.Address(app)}app");
        // Ctrl+C (the CLI's token) or SIGTERM (the host's lifetime) end it; both stop cleanly.
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
