using System.Text;
using Microsoft.AspNetCore.Http;

namespace Reporting.Worker.Api;

/// <summary>Reads a request body as UTF-8 text, never more than a limit (declared length or not).</summary>
public static class RequestBody
{
    /// <summary>The body text, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    public static async Task<string?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken) =>
        await ReadBytesAsync(request, limit, cancellationToken) is { } bytes
            ? new UTF8Encoding(false, throwOnInvalidBytes: false).GetString(bytes)
            : null;

    /// <summary>
    /// The body bytes, or null when it is longer than <paramref name="limit"/> bytes (a declared length over the
    /// limit is refused before reading; an undeclared one is read at most to limit + 1 bytes).
    /// </summary>
    public static async Task<byte[]?> ReadBytesAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        // Grow as the body arrives rather than allocating the limit up front (the workbook limit is megabytes).
        using var memory = new MemoryStream(request.ContentLength is long declared ? (int)declared : 16 * 1024);
        var chunk = new byte[16 * 1024];
        while (memory.Length <= limit)
        {
            var n = await request.Body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit + 1 - memory.Length)), cancellationToken);
            if (n == 0)
            {
                break;
            }

            memory.Write(chunk, 0, n);
        }

        return memory.Length > limit ? null : memory.ToArray();
    }
}
