using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Reporting.Worker.Calendar;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Deliver;

/// <summary>
/// The drop directory of the document-management system. Each file is written under a hidden temporary name in
/// the same directory, fsynced and renamed into place; then its manifest (&lt;file&gt;.manifest.json: SHA-256, size,
/// kind, period, unit, version, document number, issue date) is written the same way, last. A consumer that
/// waits for a manifest therefore never sees a half-written file, and temporary names (".…​.tmp") never match
/// the names a consumer looks for. Dropping the same version again rewrites identical bytes: idempotent.
/// </summary>
public sealed class FileDrop
{
    public const string ManifestSuffix = ".manifest.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Test seam: runs after a temporary file is durable and before it is renamed (fault injection).</summary>
    internal Func<string, Task>? BeforeRename { get; init; }

    public async Task DropAsync(string directory, ReportVersion version, IReadOnlyList<DeliveredFile> files, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(directory);
            foreach (var file in files)
            {
                var name = SafeName(file.FileName);
                await WriteAtomicallyAsync(directory, name, file.Content, cancellationToken);
                var manifest = new Manifest(
                    name,
                    Convert.ToHexString(SHA256.HashData(file.Content)).ToLowerInvariant(),
                    file.Content.LongLength,
                    file.ContentType,
                    Period.KindName(version.Key.Kind),
                    version.Key.PeriodCode,
                    version.Key.UnitCode,
                    version.Id,
                    version.Version,
                    version.DocumentNumberText,
                    version.IssueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    version.IssuerCode,
                    version.TemplateVersion,
                    version.Fingerprint);
                await WriteAtomicallyAsync(directory, name + ManifestSuffix, JsonSerializer.SerializeToUtf8Bytes(manifest, Json), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ReportingException(ErrorCodes.DeliveryFileDropFailed, $"Không ghi được vào thư mục nhận văn bản {directory}: {ex.Message}", ex);
        }
    }

    private async Task WriteAtomicallyAsync(string directory, string name, byte[] content, CancellationToken cancellationToken)
    {
        var target = Path.Combine(directory, name);
        var temporary = Path.Combine(directory, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            if (BeforeRename is not null)
            {
                await BeforeRename(temporary);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        SyncDirectory(directory);
    }

    /// <summary>Makes the rename itself durable (the directory entry), as fsync on the file alone does not.</summary>
    private static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        const int ReadOnly = 0, DirectoryOnly = 0x10000; // O_RDONLY | O_DIRECTORY (Linux)
        var fd = Native.open(directory, ReadOnly | DirectoryOnly);
        if (fd < 0)
        {
            return;
        }

        try
        {
            if (Native.fsync(fd) != 0)
            {
                throw new IOException($"fsync({directory}) thất bại (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Native.close(fd);
        }
    }

    /// <summary>The file name only: a name from elsewhere never escapes the directory.</summary>
    private static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName);
        if (string.IsNullOrWhiteSpace(name) || name.StartsWith('.'))
        {
            throw new ReportingException(ErrorCodes.DeliveryFileDropFailed, $"Tên tệp '{fileName}' không dùng được trong thư mục nhận văn bản.");
        }

        return name;
    }

    public sealed record Manifest(
        string File,
        string Sha256,
        long Size,
        string ContentType,
        string Kind,
        string Period,
        string Unit,
        long ReportVersionId,
        int Version,
        string DocumentNumber,
        string IssuedOn,
        string Issuer,
        string TemplateVersion,
        string Fingerprint);

    private static class Native
    {
#pragma warning disable CA2101 // the path is marshalled explicitly as UTF-8, which is what libc expects
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
#pragma warning restore CA2101

        [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
        public static extern int fsync(int fd);

        [DllImport("libc", EntryPoint = "close")]
        public static extern int close(int fd);
    }
}
