using System.Text;
using Microsoft.AspNetCore.Http;

namespace Reporting.Worker.Api;

/// <summary>Reads a request body as UTF-8 text, never more than a limit (declared length or not).</summary>
public static class RequestBody
{
    /// <summary>The body text, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    public static async Task<string?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var buffer = new byte[limit + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read > limit ? null : new UTF8Encoding(false, throwOnInvalidBytes: false).GetString(buffer, 0, read);
    }
}
