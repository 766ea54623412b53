using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Reporting.Worker.Sign;

/// <summary>
/// The detached CMS of a PAdES signature (ETSI.CAdES.detached): SHA-256, signed attributes content-type,
/// message-digest and ESS signing-certificate-v2 (CAdES requires it; binds the signer certificate), no
/// signing-time attribute (PAdES takes the time from /M or a time-stamp), and optionally an RFC 3161
/// signature time-stamp as the unsigned attribute id-aa-timeStampToken.
/// </summary>
internal static class CmsSignature
{
    public const string Sha256Oid = "2.16.840.1.101.3.4.2.1";
    public const string SigningCertificateV2Oid = "1.2.840.113549.1.9.16.2.47";
    public const string TimeStampTokenOid = "1.2.840.113549.1.9.16.2.14";

    public static async Task<byte[]> CreateAsync(byte[] signedBytes, SigningCertificate key, TimestampClient? tsa, CancellationToken cancellationToken)
    {
        var cms = new SignedCms(new ContentInfo(signedBytes), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, key.Certificate)
        {
            DigestAlgorithm = new Oid(Sha256Oid),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.Certificates.AddRange(key.Chain);
        signer.SignedAttributes.Add(new AsnEncodedData(new Oid(SigningCertificateV2Oid), EssSigningCertificateV2(key.Certificate)));
        cms.ComputeSignature(signer, silent: true);

        if (tsa is not null)
        {
            var signerInfo = cms.SignerInfos[0];
            var token = await tsa.RequestAsync(signerInfo.GetSignature(), cancellationToken);
            signerInfo.AddUnsignedAttribute(new AsnEncodedData(new Oid(TimeStampTokenOid), token.AsSignedCms().Encode()));
        }

        return cms.Encode();
    }

    /// <summary>SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } (RFC 5035), hash SHA-256
    /// (the default algorithm, so omitted) with the issuer and serial of the certificate.</summary>
    internal static byte[] EssSigningCertificateV2(X509Certificate2 certificate)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            using (w.PushSequence())
            {
                using (w.PushSequence())
                {
                    w.WriteOctetString(SHA256.HashData(certificate.RawData));
                    using (w.PushSequence())
                    {
                        using (w.PushSequence())
                        {
                            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true)))
                            {
                                w.WriteEncodedValue(certificate.IssuerName.RawData);
                            }
                        }

                        w.WriteInteger(certificate.SerialNumberBytes.Span);
                    }
                }
            }
        }

        return w.Encode();
    }
}
