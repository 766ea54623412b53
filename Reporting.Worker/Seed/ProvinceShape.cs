using System.Globalization;
using System.Text;

namespace Reporting.Worker.Seed;

/// <summary>One agency row of the synthetic province, with its parent for the whole of its validity.</summary>
public sealed record SeedAgency(
    string Code, string Name, string? ShortName, string Level, string Kind, string? Symbol, string ProvinceName,
    string Email, DateOnly ValidFrom, DateOnly? ValidTo, string? ParentCode, double Weight);

public sealed record SeedLineage(string Predecessor, string Successor, DateOnly EffectiveOn, string ChangeKind);

public sealed record SeedSignatory(string AgencyCode, int Rank, string[] TitleLines, string FullName, DateOnly ValidFrom, DateOnly? ValidTo);

/// <summary>
/// The synthetic province (docs/DATA.md): Kiên Giang until 2025-06-30 (province, 20 departments, a one-stop centre,
/// 10 districts, 140 communes), An Giang from 2025-07-01 (province, 15 departments after the Nghị định 45/2025
/// mergers, the one-stop centre, 100 communes formed by merging, one commune split). The shape is fixed: the
/// seed only moves dossiers, feedback and plan tasks, so codes are stable and documented.
/// </summary>
public sealed class ProvinceShape
{
    public static readonly DateOnly Founded = new(2000, 1, 1);
    public static readonly DateOnly Reform = new(2025, 7, 1);
    public const string OldProvince = "Kiên Giang";
    public const string NewProvince = "An Giang";

    // (symbol, name, short name) of the Kiên Giang departments and their An Giang successor symbol.
    private static readonly (string Symbol, string Name, string Short, string Successor)[] OldDepartments =
    [
        ("SNV", "Sở Nội vụ", "Sở Nội vụ", "SNV"),
        ("STP", "Sở Tư pháp", "Sở Tư pháp", "STP"),
        ("SKHDT", "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", "STC"),
        ("STC", "Sở Tài chính", "Sở Tài chính", "STC"),
        ("SCT", "Sở Công Thương", "Sở Công Thương", "SCT"),
        ("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT", "SNNMT"),
        ("STNMT", "Sở Tài nguyên và Môi trường", "Sở TN&MT", "SNNMT"),
        ("SXD", "Sở Xây dựng", "Sở Xây dựng", "SXD"),
        ("SGTVT", "Sở Giao thông vận tải", "Sở GTVT", "SXD"),
        ("STTTT", "Sở Thông tin và Truyền thông", "Sở TT&TT", "SKHCN"),
        ("SKHCN", "Sở Khoa học và Công nghệ", "Sở KH&CN", "SKHCN"),
        ("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "Sở LĐTB&XH", "SNV"),
        ("SVHTT", "Sở Văn hóa và Thể thao", "Sở VH&TT", "SVHTTDL"),
        ("SDL", "Sở Du lịch", "Sở Du lịch", "SVHTTDL"),
        ("SGDDT", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "SGDDT"),
        ("SYT", "Sở Y tế", "Sở Y tế", "SYT"),
        ("TTR", "Thanh tra tỉnh", "Thanh tra tỉnh", "TTR"),
        ("VP", "Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh", "VP"),
        ("BDT", "Ban Dân tộc", "Ban Dân tộc", "SDTTG"),
        ("BQLKKT", "Ban Quản lý Khu kinh tế tỉnh", "Ban QL KKT", "BQLKKT"),
    ];

    private static readonly (string Symbol, string Name, string Short)[] NewDepartments =
    [
        ("SNV", "Sở Nội vụ", "Sở Nội vụ"),
        ("STP", "Sở Tư pháp", "Sở Tư pháp"),
        ("STC", "Sở Tài chính", "Sở Tài chính"),
        ("SCT", "Sở Công Thương", "Sở Công Thương"),
        ("SNNMT", "Sở Nông nghiệp và Môi trường", "Sở NN&MT"),
        ("SXD", "Sở Xây dựng", "Sở Xây dựng"),
        ("SKHCN", "Sở Khoa học và Công nghệ", "Sở KH&CN"),
        ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "Sở VHTT&DL"),
        ("SGDDT", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT"),
        ("SYT", "Sở Y tế", "Sở Y tế"),
        ("SDTTG", "Sở Dân tộc và Tôn giáo", "Sở DT&TG"),
        ("TTR", "Thanh tra tỉnh", "Thanh tra tỉnh"),
        ("VP", "Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh"),
        ("BQLKKT", "Ban Quản lý Khu kinh tế tỉnh", "Ban QL KKT"),
    ];

    // (code, name, kind word, unit word for its communes, weight)
    private static readonly (string Code, string Name, bool City, double Weight)[] Districts =
    [
        ("RG", "Rạch Giá", true, 1.6),
        ("HT", "Hà Tiên", true, 0.6),
        ("PQ", "Phú Quốc", true, 1.3),
        ("KL", "Kiên Lương", false, 0.8),
        ("HD", "Hòn Đất", false, 1.1),
        ("TH", "Tân Hiệp", false, 1.0),
        ("CT", "Châu Thành", false, 1.0),
        ("GR", "Giồng Riềng", false, 1.2),
        ("GQ", "Gò Quao", false, 0.9),
        ("AB", "An Biên", false, 0.9),
    ];

    private static readonly string[] StemA = ["Vĩnh", "An", "Bình", "Mỹ", "Tân", "Thạnh", "Long", "Hòa", "Phú", "Đông", "Tây", "Nam", "Minh", "Thuận", "Ngọc", "Hưng", "Định", "Sơn", "Thới", "Phước"];
    private static readonly string[] StemB = ["Hòa", "Thanh", "Lợi", "Phú", "Hiệp", "Tân", "Hưng", "An", "Bình", "Điền", "Lộc", "Quới", "Thuận", "Khánh", "Phong", "Trung", "Đức", "Hải", "Lâm", "Yên"];

    // Group sizes used to merge a district's 14 communes into 10 (rotated per district).
    private static readonly int[] MergePattern = [2, 1, 2, 1, 1, 2, 1, 2, 1, 1];

    public const int CommunesPerDistrict = 14;
    public const string SplitCommune = "KG.X.PQ05";

    public ProvinceShape()
    {
        var agencies = new List<SeedAgency>();
        var lineage = new List<SeedLineage>();
        var reformEnd = Reform;

        agencies.Add(new SeedAgency("KG", "Ủy ban nhân dân tỉnh Kiên Giang", "UBND tỉnh Kiên Giang", "province", "province", "UBND",
            OldProvince, "ubnd@kiengiang.gov.vn", Founded, reformEnd, null, 0));
        agencies.Add(new SeedAgency("AG", "Ủy ban nhân dân tỉnh An Giang", "UBND tỉnh An Giang", "province", "province", "UBND",
            NewProvince, "ubnd@angiang.gov.vn", Reform, null, null, 0));
        lineage.Add(new SeedLineage("KG", "AG", Reform, "merge"));

        foreach (var d in OldDepartments)
        {
            agencies.Add(new SeedAgency($"KG.{d.Symbol}", d.Name, d.Short, "province", "department", d.Symbol, OldProvince,
                $"{d.Symbol.ToLowerInvariant()}@kiengiang.gov.vn", Founded, reformEnd, "KG", 1));
        }

        foreach (var d in NewDepartments)
        {
            agencies.Add(new SeedAgency($"AG.{d.Symbol}", d.Name, d.Short, "province", "department", d.Symbol, NewProvince,
                $"{d.Symbol.ToLowerInvariant()}@angiang.gov.vn", Reform, null, "AG", 1));
        }

        foreach (var group in OldDepartments.GroupBy(d => d.Successor))
        {
            var kind = group.Count() > 1 ? "merge" : group.Key == group.First().Symbol ? "rename" : "reorganise";
            foreach (var d in group)
            {
                lineage.Add(new SeedLineage($"KG.{d.Symbol}", $"AG.{group.Key}", Reform, kind));
            }
        }

        agencies.Add(new SeedAgency("KG.TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh Kiên Giang", "Trung tâm PVHCC", "province",
            "one_stop_centre", "TTPVHCC", OldProvince, "ttpvhcc@kiengiang.gov.vn", new DateOnly(2021, 1, 1), reformEnd, "KG.VP", 0));
        agencies.Add(new SeedAgency("AG.TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh An Giang", "Trung tâm PVHCC", "province",
            "one_stop_centre", "TTPVHCC", NewProvince, "ttpvhcc@angiang.gov.vn", Reform, null, "AG.VP", 0));
        lineage.Add(new SeedLineage("KG.TTPVHCC", "AG.TTPVHCC", Reform, "rename"));

        var stem = 0;
        var newNumber = 0;
        for (var di = 0; di < Districts.Length; di++)
        {
            var d = Districts[di];
            var districtCode = $"KG.H.{d.Code}";
            var word = d.City ? "thành phố" : "huyện";
            agencies.Add(new SeedAgency(districtCode, $"Ủy ban nhân dân {word} {d.Name}", $"UBND {(d.City ? "TP" : "huyện")} {d.Name}",
                "district", "district", "UBND", OldProvince, $"ubnd.{Slug(d.Name)}@kiengiang.gov.vn", Founded, reformEnd, "KG", d.Weight));

            var old = new List<SeedAgency>();
            for (var ci = 1; ci <= CommunesPerDistrict; ci++)
            {
                string unitWord, place;
                if (ci == 1)
                {
                    unitWord = d.City ? "phường" : "thị trấn";
                    place = d.City ? $"{d.Name}" : d.Name;
                }
                else
                {
                    unitWord = d.City && ci <= 8 ? "phường" : "xã";
                    place = NextStem(ref stem);
                }

                var code = $"KG.X.{d.Code}{ci:D2}";
                var weight = d.Weight * (0.5 + SeedRandom.Stable((ulong)(di * 100 + ci), 7)) * (ci == 1 ? 2.0 : 1.0);
                var a = new SeedAgency(code, $"Ủy ban nhân dân {unitWord} {place}", $"{Capital(unitWord)} {place}", "commune", "commune", "UBND",
                    OldProvince, $"ubnd.{Slug(unitWord)}{Slug(place)}.{d.Code.ToLowerInvariant()}@kiengiang.gov.vn", Founded, reformEnd, districtCode, weight);
                agencies.Add(a);
                old.Add(a);
            }

            // 2025-07-01: the district's communes merge into new communes directly under the province.
            var at = 0;
            for (var g = 0; g < MergePattern.Length; g++)
            {
                var size = MergePattern[(g + di) % MergePattern.Length];
                var members = old.Skip(at).Take(size).ToList();
                at += size;
                if (members.Count == 0)
                {
                    break;
                }

                newNumber++;
                var lead = members[0];
                var place = lead.ShortName![(lead.ShortName!.IndexOf(' ') + 1)..];
                if (lead.ShortName.StartsWith("Thị trấn", StringComparison.Ordinal))
                {
                    place = lead.ShortName["Thị trấn ".Length..];
                }

                var unitWord = d.City && lead.ShortName.StartsWith("Phường", StringComparison.Ordinal) ? "phường" : d.Code == "PQ" && g == 0 ? "đặc khu" : "xã";
                var code = $"AG.X.{newNumber:D3}";
                agencies.Add(new SeedAgency(code, $"Ủy ban nhân dân {unitWord} {place}", $"{Capital(unitWord)} {place}", "commune", "commune", "UBND",
                    NewProvince, $"ubnd.{Slug(unitWord)}{Slug(place)}@angiang.gov.vn", Reform, null, "AG", members.Sum(m => m.Weight)));
                foreach (var m in members)
                {
                    lineage.Add(new SeedLineage(m.Code, code, Reform, members.Count > 1 ? "merge" : "rename"));
                }
            }
        }

        // The rarer split: one Phú Quốc commune is divided between two new communes.
        var split = lineage.Single(l => l.Predecessor == SplitCommune);
        var other = agencies.First(a => a.Level == "commune" && a.ValidFrom == Reform && string.CompareOrdinal(a.Code, split.Successor) > 0);
        lineage.Remove(split);
        lineage.Add(split with { ChangeKind = "split" });
        lineage.Add(new SeedLineage(SplitCommune, other.Code, Reform, "split"));

        Agencies = agencies;
        Lineage = lineage;
        Signatories = BuildSignatories(agencies);
    }

    public IReadOnlyList<SeedAgency> Agencies { get; }

    public IReadOnlyList<SeedLineage> Lineage { get; }

    public IReadOnlyList<SeedSignatory> Signatories { get; }

    /// <summary>The province-level department that decides a field on a date ("KG.STNMT" / "AG.SNNMT").</summary>
    public static string DepartmentFor(SeedField field, DateOnly on) => on < Reform ? $"KG.{field.Before}" : $"AG.{field.After}";

    public static string OneStopCentre(DateOnly on) => on < Reform ? "KG.TTPVHCC" : "AG.TTPVHCC";

    private static List<SeedSignatory> BuildSignatories(List<SeedAgency> agencies)
    {
        var list = new List<SeedSignatory>();
        var n = 0UL;
        foreach (var a in agencies)
        {
            n++;
            string[] head, deputy;
            switch (a.Kind)
            {
                case "province":
                    head = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"];
                    deputy = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"];
                    break;
                case "district":
                case "commune":
                    head = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"];
                    deputy = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"];
                    break;
                default:
                    var title = a.Symbol switch
                    {
                        "TTR" => "CHÁNH THANH TRA",
                        "VP" => "CHÁNH VĂN PHÒNG",
                        "BDT" or "BQLKKT" => "TRƯỞNG BAN",
                        _ => "GIÁM ĐỐC",
                    };
                    var deputyTitle = title switch
                    {
                        "CHÁNH THANH TRA" => "PHÓ CHÁNH THANH TRA",
                        "CHÁNH VĂN PHÒNG" => "PHÓ CHÁNH VĂN PHÒNG",
                        "TRƯỞNG BAN" => "PHÓ TRƯỞNG BAN",
                        _ => "PHÓ GIÁM ĐỐC",
                    };
                    head = [title];
                    deputy = [$"KT. {title}", deputyTitle];
                    break;
            }

            list.Add(new SeedSignatory(a.Code, 1, deputy, PersonName(n * 2), a.ValidFrom, a.ValidTo));
            list.Add(new SeedSignatory(a.Code, 2, head, PersonName(n * 2 + 1), a.ValidFrom, a.ValidTo));
        }

        return list;
    }

    private static readonly string[] Family = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Đặng", "Bùi", "Đỗ", "Lâm", "Danh", "Thạch", "Dương", "Hồ"];
    private static readonly string[] Middle = ["Văn", "Thị", "Minh", "Thanh", "Hoàng", "Ngọc", "Quốc", "Hữu", "Thành", "Kim"];
    private static readonly string[] Given = ["Hùng", "Lan", "Dũng", "Phương", "Tuấn", "Hạnh", "Sơn", "Thảo", "Khoa", "Trang", "Nam", "Hiền", "Phúc", "Nhung", "Tâm", "Vinh", "Hòa", "Linh", "Quang", "Yến"];

    public static string PersonName(ulong n)
    {
        var h = SeedRandom.Mix(n + 0xC0FFEE);
        return $"{Family[h % (ulong)Family.Length]} {Middle[(h >> 8) % (ulong)Middle.Length]} {Given[(h >> 16) % (ulong)Given.Length]}";
    }

    private static string NextStem(ref int i)
    {
        while (true)
        {
            var a = StemA[i % StemA.Length];
            var b = StemB[(i * 7 + i / StemA.Length) % StemB.Length];
            i++;
            if (a != b)
            {
                return $"{a} {b}";
            }
        }
    }

    private static string Capital(string s) => char.ToUpper(s[0], CultureInfo.InvariantCulture) + s[1..];

    /// <summary>ASCII, lower case, no spaces: "Hòn Đất" -> "hondat" (e-mail local parts).</summary>
    public static string Slug(string s)
    {
        var sb = new StringBuilder();
        foreach (var ch in s.Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
        }

        return sb.ToString();
    }
}
