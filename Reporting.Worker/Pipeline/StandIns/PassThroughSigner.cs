namespace Reporting.Worker.Pipeline.StandIns;

/// <summary>
/// STAND-IN for the system signature (branch <c>archive</c> replaces it): returns the PDF UNCHANGED, i.e. NOT
/// signed. The archive and delivery stand-ins therefore hold unsigned files until the real signer is registered.
/// </summary>
public sealed class PassThroughSigner : IReportSigner
{
    public Task<byte[]> SignAsync(byte[] pdf, ReportVersion version, CancellationToken cancellationToken) => Task.FromResult(pdf);
}
