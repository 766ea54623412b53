using Reporting.Worker.Cli;
using Reporting.Worker.Sign;

namespace Reporting.Worker.Archive;

/// <summary>Wiring of the archive stage from configuration (sections "Archive" and "Signing").</summary>
public sealed record ArchiveServices(ArchiveStore Store, PdfSignatureVerifier Verifier, SigningOptions Signing)
{
    public static async Task<ArchiveServices> CreateAsync(VerbContext context, CancellationToken cancellationToken)
    {
        var warehouse = await context.WarehouseAsync(cancellationToken);
        var signing = SigningOptions.From(context.Configuration, context.Settings.DataDirectory);
        var archive = ArchiveOptions.From(context.Configuration, context.Settings.DataDirectory);
        var verifier = PdfSignatureVerifier.FromDirectory(signing.TrustedCaDirectory);
        var store = new ArchiveStore(warehouse.DataSource, new ContentStore(archive.Directory), verifier);
        if (archive.KillAfterContent)
        {
            // Resilience tests only: the process dies (SIGKILL) after the file is durable and before its row.
            store.FaultPoint = _ => System.Diagnostics.Process.GetCurrentProcess().Kill();
        }

        return new ArchiveServices(store, verifier, signing);
    }
}
