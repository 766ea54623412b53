using System.Security.Cryptography;

namespace Reporting.Worker.Pipeline.StandIns;

/// <summary>
/// STAND-IN for delivery (branch <c>delivery</c> replaces it): nothing is sent; each (version, file) is recorded
/// once as a line of <c>&lt;root&gt;/&lt;period&gt;/&lt;unit&gt;/delivery.log</c>. A repeated call records only
/// what is not yet recorded.
/// </summary>
public sealed class FileDelivery(string root) : IReportDelivery
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task<DeliveryOutcome> DeliverAsync(ReportVersion version, IReadOnlyList<DeliveredFile> files, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(root, version.Key.PeriodCode, version.Key.UnitCode);
        Directory.CreateDirectory(directory);
        var ledger = Path.Combine(directory, "delivery.log");
        await Gate.WaitAsync(cancellationToken);
        try
        {
            var recorded = File.Exists(ledger) ? await File.ReadAllLinesAsync(ledger, cancellationToken) : [];
            int sent = 0, already = 0;
            foreach (var file in files)
            {
                var prefix = $"version={version.Id}\tfile={file.FileName}\t";
                if (recorded.Any(l => l.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    already++;
                    continue;
                }

                var hash = Convert.ToHexString(SHA256.HashData(file.Content)).ToLowerInvariant();
                await File.AppendAllTextAsync(ledger, $"{prefix}sha256={hash}\tto=file-drop (stand-in, not sent)\n", cancellationToken);
                sent++;
            }

            return new DeliveryOutcome(sent, already, 0, 0);
        }
        finally
        {
            Gate.Release();
        }
    }
}
