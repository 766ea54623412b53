using System.Security.Cryptography;
using System.Text.Json;
using Reporting.Worker.Deliver;
using Reporting.Worker.Diagnostics;

namespace Reporting.Tests.Deliver;

public sealed class FileDropTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"reporting-drop-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Drop_WritesEachFileWithAManifestOfItsHashAndReportMetadata()
    {
        var version = DeliveryTestData.Version();
        var files = DeliveryTestData.Files(version, 50_000);

        await new FileDrop().DropAsync(_directory, version, files, CancellationToken.None);

        Assert.Equal(
            files.SelectMany(f => new[] { f.FileName, f.FileName + FileDrop.ManifestSuffix }).Order(StringComparer.Ordinal),
            Directory.GetFiles(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var pdf = files[0];
        var manifest = JsonSerializer.Deserialize<FileDrop.Manifest>(
            await File.ReadAllBytesAsync(Path.Combine(_directory, pdf.FileName + FileDrop.ManifestSuffix)),
            new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase })!;
        Assert.Equal(
            new FileDrop.Manifest(pdf.FileName, DeliveryTestData.Sha256(pdf.Content).ToLowerInvariant(), pdf.Content.Length, "application/pdf",
                "annual", "2026", "STP", version.Id, 2, "15/BC-STP", "2026-12-03", "STP", "t1", "f00d"),
            manifest);
        Assert.Equal(pdf.Content, await File.ReadAllBytesAsync(Path.Combine(_directory, pdf.FileName)));
    }

    [Fact]
    public async Task Drop_FailingBetweenWriteAndRename_ExposesNeitherTheFileNorItsManifest()
    {
        var version = DeliveryTestData.Version();
        var drop = new FileDrop { BeforeRename = _ => throw new IOException("disk pulled out") };

        var ex = await Assert.ThrowsAsync<ReportingException>(() =>
            drop.DropAsync(_directory, version, DeliveryTestData.Files(version, 10_000), CancellationToken.None));

        Assert.Equal(ErrorCodes.DeliveryFileDropFailed, ex.Code);
        Assert.Empty(Directory.GetFiles(_directory)); // not even the temporary file is left behind
    }

    [Fact]
    public async Task Drop_UnderManyConcurrentDrops_NeverShowsAConsumerAHalfWrittenFile()
    {
        Directory.CreateDirectory(_directory);
        using var stop = new CancellationTokenSource();
        var checkedFiles = 0;
        // The consumer's contract: wait for a manifest, then read the file it names; the hash must match.
        var watcher = Task.Run(async () =>
        {
            var last = false;
            while (!last)
            {
                last = stop.IsCancellationRequested; // one full pass after the drops end, so every manifest is read

                foreach (var path in Directory.GetFiles(_directory, "*" + FileDrop.ManifestSuffix))
                {
                    var manifest = JsonSerializer.Deserialize<FileDrop.Manifest>(await File.ReadAllBytesAsync(path),
                        new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase })!;
                    var content = await File.ReadAllBytesAsync(Path.Combine(_directory, manifest.File));
                    Assert.Equal(manifest.Size, content.Length);
                    Assert.Equal(manifest.Sha256, Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant());
                    checkedFiles++;
                }
            }
        });

        var drop = new FileDrop();
        // Versions are immutable, so a re-drop (a retry) rewrites the same bytes under the same names.
        var versions = Enumerable.Range(0, 8).Select(i => DeliveryTestData.Version() with { Version = i + 1 })
            .Select(v => (Version: v, Files: DeliveryTestData.Files(v, 400_000))).ToList();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var round = 0; round < 10; round++)
            {
                var (version, files) = versions[(worker + round) % versions.Count];
                await drop.DropAsync(_directory, version, files, CancellationToken.None);
            }
        })));
        await stop.CancelAsync();
        await watcher;

        Assert.True(checkedFiles > 0);
        Assert.DoesNotContain(Directory.GetFiles(_directory), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }
}
