using Reporting.Templates.Model;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Archive;
using Reporting.Worker.Pipeline;
using Reporting.Worker.Sign;

namespace Reporting.Tests.Archive;

/// <summary>An archive on a test database with its own content directory, and report versions to store.</summary>
public sealed class ArchiveKit : IDisposable
{
    public ArchiveKit(TestDatabase database)
    {
        Database = database;
        Directory = System.IO.Directory.CreateTempSubdirectory("reporting-test-archive-").FullName;
        Verifier = PdfSignatureVerifier.FromDirectory(DevCerts.TrustDirectory);
        Store = new ArchiveStore(database.DataSource, new ContentStore(Directory), Verifier);
    }

    public TestDatabase Database { get; }

    public string Directory { get; }

    public PdfSignatureVerifier Verifier { get; }

    public ArchiveStore Store { get; }

    private static int _next = 1000;

    /// <summary>A fresh report version (unique id and unit, so classes sharing a database never collide).</summary>
    public static ReportVersion NewVersion(SigningPolicy policy, int version = 1, string? unit = null, long? id = null, int number = 7) =>
        new(id ?? Interlocked.Increment(ref _next), new ReportKey(ReportKind.Quarter, "2026-Q3", unit ?? $"U{Interlocked.Increment(ref _next)}"), version, "SNV",
            number, "BC-SNV", new DateOnly(2026, 9, 20), new string('f', 64), "t1", policy);

    public static async Task<byte[]> SignAsync(byte[] pdf, string keyFile, string name)
    {
        using var key = DevCerts.Load(keyFile);
        return await new PdfSigner(key).SignAsync(pdf, new SignatureRequest(name, "Ký ban hành", "An Giang", DateTimeOffset.UtcNow), CancellationToken.None);
    }

    public static async Task<byte[]> SystemSignAsync(byte[] pdf, ReportVersion version)
    {
        using var key = DevCerts.Load(DevCertificates.SystemFile);
        return await new PdfSigner(key).SignAsync(pdf, version, CancellationToken.None);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
