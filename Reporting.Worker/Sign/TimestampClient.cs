using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Sign;

/// <summary>
/// RFC 3161 client: asks the configured time-stamp authority to stamp the SHA-256 of a CMS signature value
/// (a signature time-stamp, PAdES-B-T). The response is checked against the request (nonce, hash) by .NET.
/// </summary>
public sealed class TimestampClient(HttpClient http, Uri url)
{
    public async Task<Rfc3161TimestampToken> RequestAsync(byte[] signatureValue, CancellationToken cancellationToken)
    {
        var nonce = RandomNumberGenerator.GetBytes(8);
        nonce[0] &= 0x7f;
        var request = Rfc3161TimestampRequest.CreateFromHash(SHA256.HashData(signatureValue), HashAlgorithmName.SHA256,
            nonce: nonce, requestSignerCertificates: true);
        using var body = new ByteArrayContent(request.Encode());
        body.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
        try
        {
            using var response = await http.PostAsync(url, body, cancellationToken);
            response.EnsureSuccessStatusCode();
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return request.ProcessResponse(bytes, out _);
        }
        catch (Exception ex) when (ex is HttpRequestException or CryptographicException)
        {
            throw new ReportingException(ErrorCodes.SignTimestampFailed, $"Không lấy được dấu thời gian từ '{url}': {ex.Message}", ex);
        }
    }
}
