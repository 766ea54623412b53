namespace Reporting.Worker.Sign;

/// <summary>What goes into the /Sig dictionary besides the CMS: /M, /Name, /Reason, /Location.</summary>
public sealed record SignatureRequest(string Name, string Reason, string Location, DateTimeOffset SigningTime)
{
    /// <summary>The reason written by the system seal: it says plainly that this is not the issuer's legal signature.</summary>
    public const string SystemSealReason =
        "Chữ ký số kỹ thuật của hệ thống báo cáo, bảo đảm toàn vẹn văn bản; không phải chữ ký của người có thẩm quyền hay của cơ quan ban hành.";
}
