using System.Security.Cryptography;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Pipeline.StandIns;

/// <summary>
/// STAND-IN for the archive (branch <c>archive</c> replaces it): files under
/// <c>&lt;root&gt;/&lt;period&gt;/&lt;unit&gt;/&lt;stem&gt;[_draft].pdf|.xlsx</c>, written once through a temporary
/// file and a rename. Storing the same role of the same version again returns the existing file; different
/// content for an existing file is refused (append-only).
/// </summary>
public sealed class DirectoryArchive(string root) : IReportArchive
{
    public async Task<ArchivedFile> StoreAsync(ReportVersion version, ArchiveRole role, byte[] content, CancellationToken cancellationToken)
    {
        var path = PathOf(version, role);
        var hash = Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = $"{path}.{Guid.NewGuid():N}.tmp";
            await File.WriteAllBytesAsync(temp, content, cancellationToken);
            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temp); // another worker stored it first: compare below
            }
        }

        var existing = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(path, cancellationToken))).ToLowerInvariant();
        if (existing != hash)
        {
            throw new ReportingException(ErrorCodes.ArchiveConflict,
                $"Lưu trữ đã có {Path.GetFileName(path)} với nội dung khác; không ghi đè văn bản đã lưu.");
        }

        return new ArchivedFile(version.Id * 10 + (int)role, role, hash, content.LongLength, Path.GetFileName(path));
    }

    public async Task<byte[]?> ReadAsync(ReportVersion version, ArchiveRole role, CancellationToken cancellationToken)
    {
        var path = PathOf(version, role);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    public string DirectoryOf(ReportKey key) => Path.Combine(root, key.PeriodCode, key.UnitCode);

    private string PathOf(ReportVersion version, ArchiveRole role) => Path.Combine(DirectoryOf(version.Key), role switch
    {
        ArchiveRole.DraftPdf => $"{version.FileStem}_draft.pdf",
        ArchiveRole.IssuedPdf => $"{version.FileStem}.pdf",
        _ => $"{version.FileStem}.xlsx",
    });
}
