using Microsoft.Extensions.Configuration;

namespace Reporting.Worker.Cli;

/// <summary>
/// Settings every stage shares. Sources, later wins: appsettings.json beside the binary, appsettings.json in the
/// working directory, environment variables with the REPORTING_ prefix (<c>__</c> separates sections).
/// </summary>
public sealed record ReportingSettings(string DataDirectory, string? WarehouseConnectionString, string OutputDirectory)
{
    public const string EnvironmentPrefix = "REPORTING_";

    public static IConfiguration LoadConfiguration() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
        .AddEnvironmentVariables(EnvironmentPrefix)
        .Build();

    public static ReportingSettings From(IConfiguration configuration)
    {
        var data = configuration["Reporting:DataDirectory"];
        var output = configuration["Reporting:OutputDirectory"];
        var connection = configuration.GetConnectionString("Warehouse");
        return new ReportingSettings(
            Path.GetFullPath(string.IsNullOrWhiteSpace(data) ? ".data" : data),
            string.IsNullOrWhiteSpace(connection) ? null : connection,
            Path.GetFullPath(string.IsNullOrWhiteSpace(output) ? "out" : output));
    }
}
