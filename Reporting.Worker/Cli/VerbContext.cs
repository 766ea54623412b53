using Microsoft.Extensions.Configuration;
using Reporting.Worker.Database;

namespace Reporting.Worker.Cli;

/// <summary>What a verb gets: configuration, output, and the warehouse (started on first use).</summary>
public sealed class VerbContext
{
    private Warehouse? _warehouse;

    public VerbContext(IConfiguration configuration, TextWriter output, TextWriter error)
    {
        Configuration = configuration;
        Out = output;
        Error = error;
        Settings = ReportingSettings.From(configuration);
    }

    public IConfiguration Configuration { get; }

    public ReportingSettings Settings { get; }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>
    /// The configured database, or the private embedded cluster when none is configured; migrations applied.
    /// </summary>
    public async Task<Warehouse> WarehouseAsync(CancellationToken cancellationToken)
    {
        _warehouse ??= await Warehouse.OpenAsync(Settings, Error, cancellationToken);
        return _warehouse;
    }
}
