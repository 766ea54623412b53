using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Archive;

/// <summary>
/// Content-addressed files: &lt;root&gt;/ab/abcdef… (lower-case hex SHA-256, two-character fan-out). A write is
/// crash-safe: a temp file in the same directory, fsynced, renamed over the final name, then the directory
/// fsynced; only after that may a database row point at it. A crash leaves at most a temp file or an
/// unreferenced (orphan) file, both harmless and reported by <c>archive verify</c>.
/// </summary>
public sealed partial class ContentStore(string root)
{
    public const string TempPrefix = ".tmp-";

    public string Root { get; } = Path.GetFullPath(root);

    public string PathOf(string sha256) => Path.Combine(Root, sha256[..2], sha256);

    public static string Hash(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Test seam (resilience tests, when a small tmpfs cannot be mounted): called with the temp file's
    /// path just before its bytes are written; a throw there is a failed write.</summary>
    internal Action<string>? BeforeWrite { get; set; }

    /// <summary>
    /// Writes the content durably and returns its hash. A failed write (disk full, I/O error) removes its temp
    /// file, so nothing half-written stays behind; a full disk (ENOSPC, EDQUOT) is
    /// <see cref="ErrorCodes.ArchiveNoSpace"/>, with no row written by the caller.
    /// </summary>
    public async Task<string> PutAsync(byte[] content, CancellationToken cancellationToken)
    {
        var sha = Hash(content);
        var final = PathOf(sha);
        var directory = Path.GetDirectoryName(final)!;
        string? temp = null;
        try
        {
            Directory.CreateDirectory(directory);
            temp = Path.Combine(directory, $"{TempPrefix}{Guid.NewGuid():N}");
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                BeforeWrite?.Invoke(temp);
                await stream.WriteAsync(content, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, final, overwrite: true);
            temp = null;
        }
        catch (Exception ex)
        {
            if (temp is not null)
            {
                TryDelete(temp);
            }

            if (ex is IOException io && IsDiskFull(io))
            {
                throw new ReportingException(ErrorCodes.ArchiveNoSpace,
                    $"Kho lưu trữ {Root} hết dung lượng: không ghi được tệp {Templates.Formatting.VietnameseFormat.Number(content.Length)} byte. Không có tệp hay mục lưu trữ nào được ghi dở; "
                    + "hãy giải phóng dung lượng rồi chạy lại (báo cáo giữ nguyên số văn bản).", io);
            }

            throw;
        }

        SyncDirectory(directory);
        SyncDirectory(Root);
        return sha;
    }

    /// <summary>ENOSPC (28) or EDQUOT (122) on Linux, ERROR_HANDLE_DISK_FULL/ERROR_DISK_FULL on Windows; .NET puts
    /// the raw errno in HResult on Unix.</summary>
    internal static bool IsDiskFull(IOException e) =>
        OperatingSystem.IsWindows()
            ? (e.HResult & 0xFFFF) is 39 or 112
            : (e.HResult is 28 or 122 || e.Message.Contains("No space left on device", StringComparison.Ordinal));

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for `archive verify`, which reports temp files; it is never taken for content.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public async Task<byte[]> ReadAsync(string sha256, CancellationToken cancellationToken)
    {
        var path = PathOf(sha256);
        if (!File.Exists(path))
        {
            throw new ReportingException(ErrorCodes.ArchiveContentMissing, $"Thiếu tệp nội dung {path} trong kho lưu trữ.");
        }

        return await File.ReadAllBytesAsync(path, cancellationToken);
    }

    /// <summary>Every content file (by hash) and every leftover temp file in the store.</summary>
    public (IReadOnlyList<string> Hashes, IReadOnlyList<string> TempFiles) Scan()
    {
        var hashes = new List<string>();
        var temps = new List<string>();
        if (!Directory.Exists(Root))
        {
            return (hashes, temps);
        }

        foreach (var dir in Directory.EnumerateDirectories(Root))
        {
            foreach (var file in Directory.EnumerateFiles(dir))
            {
                var name = Path.GetFileName(file);
                if (name.StartsWith(TempPrefix, StringComparison.Ordinal))
                {
                    temps.Add(file);
                }
                else if (name.Length == 64 && name.All(char.IsAsciiHexDigitLower) && name[..2] == Path.GetFileName(dir))
                {
                    hashes.Add(name);
                }
            }
        }

        hashes.Sort(StringComparer.Ordinal);
        temps.Sort(StringComparer.Ordinal);
        return (hashes, temps);
    }

    /// <summary>fsync(2) on a directory, so a rename in it survives a power cut (no-op off Linux/macOS).</summary>
    private static void SyncDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Open(path, 0);
        if (fd < 0)
        {
            throw new IOException($"open({path}) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync({path}) failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
