namespace Reporting.Templates.Model;

/// <summary>
/// The issuing body as it was named on the issue date (product decision 8): after 2025-07-01 a former Kiên Giang
/// body writes "ỦY BAN NHÂN DÂN TỈNH AN GIANG" and "An Giang, ngày ...".
/// </summary>
/// <param name="ParentBody">Tên cơ quan chủ quản, upper case: "ỦY BAN NHÂN DÂN TỈNH AN GIANG".</param>
/// <param name="Body">Tên cơ quan ban hành, upper case: "SỞ NỘI VỤ".</param>
/// <param name="Symbol">Issuer abbreviation in the document number: "SNV", "UBND".</param>
/// <param name="Place">Địa danh for the date line: "An Giang".</param>
public sealed record Issuer(string? ParentBody, string Body, string Symbol, string Place);

/// <summary>
/// The header and title block. <paramref name="DocumentNumber"/> is the sequence number (15 prints "15/BC-SNV");
/// null leaves the number blank for a draft whose number the register has not assigned yet.
/// </summary>
public sealed record DocumentHeader(
    Issuer Issuer,
    int? DocumentNumber,
    DateOnly IssueDate,
    string DocumentType,
    string Summary,
    IReadOnlyList<string> Addressees);
