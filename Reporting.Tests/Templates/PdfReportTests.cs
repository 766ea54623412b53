using System.Text.RegularExpressions;
using Reporting.Templates.Formatting;
using Reporting.Templates.Samples;
using Reporting.Tests.Fixtures;

namespace Reporting.Tests.Templates;

[Collection(ChromiumCollection.Name)]
public sealed class PdfReportTests(RenderedSamples samples)
{
    public static TheoryData<string> Variants => new() { "department-annual", "commune-quarter", "province-annual", "adhoc" };

    /// <summary>pdftotext breaks lines; compare with whitespace collapsed.</summary>
    private static string Flat(string s) => Regex.Replace(s, @"\s+", " ");

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Pdf_ContainsHeaderTitleFiguresRecipientsAndSigner(string name)
    {
        var r = await samples.GetAsync(name);
        var m = r.Model;
        var text = Flat(await DocumentTools.PdfText(r.PdfPath));
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text);
        Assert.Contains("Độc lập - Tự do - Hạnh phúc", text);
        foreach (var line in m.Header.Issuer.Body.Split('\n'))
        {
            Assert.Contains(line, text);
        }

        Assert.Contains(Flat(VietnameseFormat.DateLine(m.Header.Issuer.Place, m.Header.IssueDate)), text);
        Assert.Contains(m.Header.DocumentNumber is null ? "/BC-UBND" : VietnameseFormat.DocumentNumber(m.Header.DocumentNumber, "BC", m.Header.Issuer.Symbol), text);
        Assert.Contains("BÁO CÁO", text);
        Assert.Contains(Flat(m.Header.Summary), text);
        var total = (m.TthcByUnit ?? m.TthcByField).Total;
        Assert.Contains($"đã tiếp nhận {VietnameseFormat.Number(total.ReceivedTotal)} hồ sơ", text);
        Assert.Contains($"trực tuyến {VietnameseFormat.Number(total.ReceivedOnline)} hồ sơ", text);
        Assert.Contains($"đạt {VietnameseFormat.Rate(total.CchcOnTimeRate)}", text);
        Assert.Contains("Nơi nhận:", text);
        foreach (var title in m.Signature.TitleLines)
        {
            Assert.Contains(title, text);
        }

        Assert.Contains(m.Signature.SignerName, text);
        Assert.Contains("./.", text);
        Assert.Contains("Phụ lục I", text);
        Assert.Contains("Đơn vị tính: Số hồ sơ TTHC", text);
        Assert.Contains(VietnameseFormat.Window(m.Period.From, m.Period.To), text);
    }

    [Fact]
    public async Task Pdf_DepartmentReport_StatesChangeAgainstLastYearAndPlanTaskRate()
    {
        var r = await samples.GetAsync("department-annual");
        var text = Flat(await DocumentTools.PdfText(r.PdfPath));
        var now = r.Model.TthcByField.Total;
        var before = r.Model.LastYear!.Previous;
        Assert.Contains($"trực tuyến {VietnameseFormat.Number(now.ReceivedOnline)} hồ sơ, {VietnameseFormat.Change(now.ReceivedOnline, before.ReceivedOnline)} so với cùng kỳ", text);
        Assert.Contains("đã hoàn thành 24/37 nhiệm vụ, đạt tỷ lệ 64,86%", text);
        Assert.Contains("- Lưu: VT, VP.", text);
        Assert.Contains("- Sở Nội vụ;", text);
        Assert.Contains("Kính gửi: Sở Nội vụ tỉnh An Giang.", text);
    }

    [Fact]
    public async Task Pdf_ConsolidatedReport_HasEveryUnitRankingAndComparison()
    {
        var r = await samples.GetAsync("province-annual");
        var text = Flat(await DocumentTools.PdfText(r.PdfPath));
        foreach (var row in r.Model.TthcByUnit!.Groups.SelectMany(g => g.Rows))
        {
            Assert.Contains(row.Label, text);
            Assert.Contains(VietnameseFormat.Number(row.Figures.ReceivedTotal), text);
        }

        Assert.Contains("Xếp hạng các cơ quan, đơn vị", text);
        Assert.Contains("Cùng kỳ năm trước", text);
        Assert.Contains(Flat(r.Model.LastYear!.PredecessorNote!), text);
        await using var composer = new Reporting.Templates.Html.HtmlComposer();
        var html = await composer.ComposeAsync(r.Model);
        Assert.Equal(2, Regex.Count(html.Html, "<svg"));
    }

    [Fact]
    public async Task Pdf_UnsuppliedSections_CarryMarkedPlaceholders_AndSuppliedTextAppears()
    {
        var r = await samples.GetAsync("department-annual");
        var text = Flat(await DocumentTools.PdfText(r.PdfPath));
        Assert.Contains("[Đơn vị bổ sung: số cơ quan được kiểm tra", text);
        Assert.Contains("Sở đã ban hành 12 văn bản chỉ đạo", text);
        Assert.Contains("- Đăng 48 tin, bài", text);
    }

    [Fact]
    public async Task Pdf_EmbedsEveryFont_AndVietnameseExtracts()
    {
        var r = await samples.GetAsync("province-annual");
        var fonts = (await DocumentTools.RunAsync("pdffonts", r.PdfPath)).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(fonts);
        foreach (var line in fonts)
        {
            var columns = Regex.Split(line.Trim(), @"\s+");
            Assert.Equal("yes", columns[^5]); // emb
            Assert.Contains("LiberationSerif", columns[0]);
        }

        Assert.Contains("Hạnh phúc", await DocumentTools.PdfText(r.PdfPath, 1));
    }

    [Fact]
    public async Task Pdf_PageNumbers_AbsentOnPageOne_CentredFromPageTwo_AndRestartInEachAppendix()
    {
        var r = await samples.GetAsync("province-annual");
        var first = (await DocumentTools.PdfText(r.PdfPath, 1)).Split('\n').Select(l => l.Trim()).ToList();
        Assert.DoesNotContain("1", first);
        var second = (await DocumentTools.PdfText(r.PdfPath, 2)).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        Assert.Equal("2", second[0]);

        var pages = await DocumentTools.PdfPages(r.PdfPath);
        var appendixStarts = new List<int>();
        for (var p = 1; p <= pages; p++)
        {
            var lines = (await DocumentTools.PdfText(r.PdfPath, p)).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            if (lines[0].StartsWith("Phụ lục", StringComparison.Ordinal))
            {
                appendixStarts.Add(p);
                Assert.Contains(lines, l => l.StartsWith("(Kèm theo Báo cáo số 123/BC-SNV", StringComparison.Ordinal));
            }
            else if (appendixStarts.Count > 0 && p == appendixStarts[^1] + 1)
            {
                Assert.Equal("2", lines[0]);
            }
        }

        Assert.Equal(3, appendixStarts.Count);
    }

    [Fact]
    public async Task Pdf_LargeTable_SpansPagesWithHeaderRepeated()
    {
        var r = await samples.GetAsync("large-table");
        var pages = await DocumentTools.PdfPages(r.PdfPath);
        var withRows = 0;
        var first = r.Model.TthcByField.Groups[0].Rows[0].Label;
        var last = r.Model.TthcByField.Groups[0].Rows[^1].Label;
        var seenFirst = false;
        var seenLast = false;
        for (var p = 1; p <= pages; p++)
        {
            var text = Flat(await DocumentTools.PdfText(r.PdfPath, p));
            if (!text.Contains("Lĩnh vực số", StringComparison.Ordinal) && !text.Contains(first, StringComparison.Ordinal))
            {
                continue;
            }

            withRows++;
            Assert.Contains("Số hồ sơ nhận giải quyết", text);
            Assert.Contains("(13)", text);
            seenFirst |= text.Contains(first, StringComparison.Ordinal);
            seenLast |= text.Contains(last + " ", StringComparison.Ordinal);
        }

        Assert.True(withRows >= 5, $"300 rows on {withRows} pages");
        Assert.True(seenFirst && seenLast);
    }

    [Fact]
    public async Task Pdf_MarkupInModelText_RendersLiterally()
    {
        var r = await samples.GetAsync("adhoc");
        var text = Flat(await DocumentTools.PdfText(r.PdfPath));
        Assert.Contains("<script>alert('x')</script> & <b>bổ sung</b>", text);
    }

    [Fact]
    public async Task Pdf_HasMetadata_PassesQpdfCheck_AndSameModelGivesSameText()
    {
        var r = await samples.GetAsync("commune-quarter");
        var info = await DocumentTools.RunAsync("pdfinfo", r.PdfPath);
        Assert.Contains("Title:           Báo cáo Kết quả thực hiện công tác cải cách hành chính quý III năm 2026", info);
        Assert.Contains("Author:          ỦY BAN NHÂN DÂN PHƯỜNG RẠCH GIÁ", info);
        Assert.Contains("Keywords:        2026-Q3; 30001; quarter", info);
        Assert.Contains("Subject:", info);
        await DocumentTools.RunAsync("qpdf", "--check", r.PdfPath);

        var again = await samples.RenderAsync("commune-quarter-again", SampleModels.CommuneQuarter());
        Assert.Equal(await DocumentTools.PdfText(r.PdfPath), await DocumentTools.PdfText(again.PdfPath));
    }

    [Fact]
    public async Task Pdf_DraftWithoutNumber_LeavesTheNumberBlank()
    {
        var r = await samples.GetAsync("commune-quarter");
        var page1 = await DocumentTools.PdfText(r.PdfPath, 1, layout: true);
        Assert.Matches(@"Số: {3,}/BC-UBND", page1);
        Assert.Contains("(Kèm theo Báo cáo số …/BC-UBND ngày … tháng … năm …", Flat(await DocumentTools.PdfText(r.PdfPath)));
    }
}

[Collection(ChromiumCollection.Name)]
public sealed class PdfPageSetupTests(RenderedSamples samples)
{
    [Fact]
    public async Task Pdf_ReportIsA4Portrait_AndTheTthcAppendixIsA4Landscape()
    {
        var r = await samples.GetAsync("department-annual");
        var pages = await DocumentTools.PdfPages(r.PdfPath);
        var info = await DocumentTools.RunAsync("pdfinfo", "-f", "1", "-l", pages.ToString(System.Globalization.CultureInfo.InvariantCulture), r.PdfPath);
        var sizes = Regex.Matches(info, @"Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)").ToDictionary(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m => (W: double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), H: double.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(595, sizes[1].W, 0);
        Assert.Equal(842, sizes[1].H, 0);
        var appendixOne = 0;
        for (var p = 1; p <= pages && appendixOne == 0; p++)
        {
            if ((await DocumentTools.PdfText(r.PdfPath, p)).TrimStart().StartsWith("Phụ lục I\n", StringComparison.Ordinal))
            {
                appendixOne = p;
            }
        }

        Assert.Equal(842, sizes[appendixOne].W, 0);
        Assert.Equal(595, sizes[appendixOne].H, 0);
        Assert.Equal(595, sizes[pages].W, 0); // the indicator appendix is portrait
    }

    [Fact]
    public async Task Render_Refuses_ADistrictGroupAfterJune2025()
    {
        var m = SampleModels.CommuneQuarter();
        var table = m.TthcByField with { Groups = [.. m.TthcByField.Groups, new Reporting.Templates.Model.TthcRowGroup("Cấp huyện", [])] };
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => samples.Renderer.RenderPdfAsync(m with { TthcByField = table }, CancellationToken.None));
        Assert.Contains("cấp huyện", ex.Message);
    }
}
