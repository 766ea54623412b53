using System.Globalization;
using Reporting.Templates.Model;
using Reporting.Worker.Extract;

namespace Reporting.Worker.Model;

/// <summary>
/// Names the issuing body as it is on the issue date (product decision 8, Nghị định 30/2020 ô 2): a department
/// writes "ỦY BAN NHÂN DÂN TỈNH AN GIANG" over "SỞ NỘI VỤ"; a commune "ỦY BAN NHÂN DÂN" over "XÃ VĨNH HÒA"; the
/// place of the date line is the province's name on that date.
/// </summary>
public static class IssuerNaming
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private const string PeoplesCommittee = "Ủy ban nhân dân";

    /// <param name="province">The province agency heading the unit on the issue date, when known.</param>
    public static Issuer For(AgencyRow unit, AgencyRow? province)
    {
        var place = province?.ProvinceName ?? unit.ProvinceName;
        return unit.Kind switch
        {
            "commune" => new Issuer("ỦY BAN NHÂN DÂN", Upper(StripCommittee(unit.Name)), unit.Symbol ?? "UBND", place),
            "district" => new Issuer("ỦY BAN NHÂN DÂN", Upper(StripCommittee(unit.Name)), unit.Symbol ?? "UBND", place),
            "province" => new Issuer(null, Upper(unit.Name), unit.Symbol ?? "UBND", place),
            _ => new Issuer(ProvinceCommittee(province, place), Upper(unit.Name), unit.Symbol ?? "SNV", place),
        };
    }

    /// <summary>"ỦY BAN NHÂN DÂN TỈNH AN GIANG" (or the province agency's own name when it is the committee).</summary>
    public static string ProvinceCommittee(AgencyRow? province, string provinceName) =>
        province is not null && province.Name.StartsWith(PeoplesCommittee, StringComparison.OrdinalIgnoreCase)
            ? Upper(province.Name)
            : Upper($"{PeoplesCommittee} tỉnh {provinceName}");

    /// <summary>"Ủy ban nhân dân xã Vĩnh Hòa" → "xã Vĩnh Hòa".</summary>
    public static string StripCommittee(string name) =>
        name.StartsWith(PeoplesCommittee + " ", StringComparison.OrdinalIgnoreCase) ? name[(PeoplesCommittee.Length + 1)..] : name;

    public static string Upper(string text) => text.Normalize(System.Text.NormalizationForm.FormC).ToUpper(Vietnamese);
}
