using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.Utilities.Collections;

namespace Reporting.Tests.Sign;

/// <summary>
/// A tiny RFC 3161 time-stamp authority on 127.0.0.1 (BouncyCastle's TimeStampResponseGenerator behind an
/// HttpListener), so the signer's time-stamp code path runs against a real HTTP exchange. No real TSA is reachable.
/// </summary>
public sealed class LoopbackTsa : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly RSA _key = RSA.Create(2048);
    private readonly TimeStampTokenGenerator _tokens;
    private readonly Task _loop;
    private long _serial;

    public LoopbackTsa()
    {
        var request = new CertificateRequest("CN=Loopback TSA (test), C=VN", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        var bcCert = DotNetUtilities.FromX509Certificate(Certificate);
        _tokens = new TimeStampTokenGenerator(DotNetUtilities.GetRsaKeyPair(_key).Private, bcCert, TspAlgorithms.Sha256, "1.2.3.4.1");
        _tokens.SetCertificates(CollectionUtilities.CreateStore(new[] { bcCert }));

        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/tsa/");
        _listener.Prefixes.Add(Url.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public X509Certificate2 Certificate { get; }

    public int Requests { get; private set; }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var request = new TimeStampRequest(body.ToArray());
            var generator = new TimeStampResponseGenerator(_tokens, TspAlgorithms.Allowed);
            var response = generator.Generate(request, BigInteger.ValueOf(Interlocked.Increment(ref _serial)), DateTime.UtcNow);
            var bytes = response.GetEncoded();
            Requests++;
            context.Response.ContentType = "application/timestamp-reply";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _key.Dispose();
        Certificate.Dispose();
    }
}
