namespace Reporting.Templates.Model;

/// <summary>
/// The signature block (Nghị định 30/2020 ô 7): authority prefix and title lines in upper case
/// ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"), the signer's full name, and the recipients of "Nơi nhận" (last: "Lưu: VT, ...").
/// </summary>
public sealed record SignatureBlock(IReadOnlyList<string> TitleLines, string SignerName, IReadOnlyList<string> Recipients);
