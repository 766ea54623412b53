using Reporting.Templates.Model;
using Reporting.Worker.Inputs;

namespace Reporting.Tests.Inputs;

public sealed class InputModelMapperTests
{
    [Fact]
    public void NarrativeText_MakesParagraphsPerLine_AndBulletListsOfDashLines()
    {
        var blocks = NarrativeText.Parse("Ưu điểm: tốt.\n\n- ý một\n+ ý hai\nNguyên nhân: khách quan.");
        Assert.Collection(blocks,
            b => Assert.Equal("Ưu điểm: tốt.", Assert.IsType<Paragraph>(b).Text),
            b => Assert.Equal(["ý một", "ý hai"], Assert.IsType<BulletList>(b).Items),
            b => Assert.Equal("Nguyên nhân: khách quan.", Assert.IsType<Paragraph>(b).Text));
    }

    [Fact]
    public void Map_KeepsMarkupLiteral_InSectionsAndIndicators()
    {
        var values = new Dictionary<string, string>
        {
            ["III"] = InputTestData.Markup + "\n- " + InputTestData.Markup,
            ["CD_KE_HOACH_SO_HIEU"] = "<b>139</b>/KH-UBND",
        };
        var content = InputModelMapper.Map(InputDefinitions.For(ReportKind.Quarter), values);
        var section = content.Sections.Single(s => s.Number == "III");
        Assert.Equal(InputTestData.Markup, Assert.IsType<Paragraph>(section.Blocks[0]).Text);
        Assert.Equal([InputTestData.Markup], Assert.IsType<BulletList>(section.Blocks[1]).Items);
        var plan = content.Indicators.Single(i => i.Code == "CD_KE_HOACH_SO_HIEU");
        Assert.Equal("<b>139</b>/KH-UBND", plan.Text);
        Assert.Equal("<b>139</b>/KH-UBND", plan.Display);
    }

    [Fact]
    public void Map_GivesRequiredMissingSectionsAPlaceholder_AndOptionalMissingOnesNoBlocks()
    {
        var content = InputModelMapper.Map(InputDefinitions.For(ReportKind.Quarter), new Dictionary<string, string> { ["II.1"] = "Đã làm." });
        Assert.Equal("Đã làm.", Assert.IsType<Paragraph>(content.Sections.Single(s => s.Number == "II.1").Blocks.Single()).Text);
        Assert.IsType<Placeholder>(content.Sections.Single(s => s.Number == "III").Blocks.Single());
        Assert.Empty(content.Sections.Single(s => s.Number == "V").Blocks);
        Assert.Equal(InputDefinitions.For(ReportKind.Quarter).Narratives.Select(f => f.Code), content.Sections.Select(s => s.Number));
        Assert.Equal("Cải cách thể chế", content.Sections.Single(s => s.Number == "II.1").Heading);
    }

    [Fact]
    public void Map_FormatsIndicatorsTheVietnameseWay_AndListsMissingOnesWithoutValue()
    {
        var values = new Dictionary<string, string>
        {
            ["CV_BIEN_CHE_GIAO"] = "44292",
            ["CQS_VB_DIEN_TU"] = "88.04",
            ["CD_KE_HOACH_NGAY"] = "2026-02-05",
        };
        var indicators = InputModelMapper.Map(InputDefinitions.For(ReportKind.Annual), values).Indicators;
        Assert.Equal(InputDefinitions.For(ReportKind.Annual).Indicators.Select(f => f.Code), indicators.Select(i => i.Code));
        var staff = indicators.Single(i => i.Code == "CV_BIEN_CHE_GIAO");
        Assert.Equal((44292L, "44.292", "người"), (staff.Count!.Value, staff.Display, staff.UnitOfMeasure));
        var rate = indicators.Single(i => i.Code == "CQS_VB_DIEN_TU");
        Assert.Equal((88.04m, "88,04%"), (rate.Percent!.Value, rate.Display));
        var date = indicators.Single(i => i.Code == "CD_KE_HOACH_NGAY");
        Assert.Equal((new DateOnly(2026, 2, 5), "ngày 05 tháng 02 năm 2026"), (date.Date!.Value, date.Display));
        Assert.Equal("ngày 05 tháng 12 năm 2026", InputFormat.Date(new DateOnly(2026, 12, 5)));
        Assert.Equal("ngày 15 tháng 3 năm 2026", InputFormat.Date(new DateOnly(2026, 3, 15)));
        var missing = indicators.Single(i => i.Code == "CV_KY_LUAT");
        Assert.False(missing.HasValue);
        Assert.Equal("", missing.Display);
    }

    [Fact]
    public void ApplyTo_AddsSectionsAndIndicators_ToAModel()
    {
        var content = InputModelMapper.Map(InputDefinitions.For(ReportKind.Quarter), new Dictionary<string, string> { ["IV"] = "- Tiếp tục." });
        var inputs = new UnitInputsForReport(content, InputFingerprint.Compute([]), InputReadinessService.Evaluate(
            new UnitInputKey("U", ReportKind.Quarter, "2026-Q3"), ["IV"]));
        var model = inputs.ApplyTo(MinimalModel());
        Assert.Equal(content.Sections, model.Sections);
        Assert.Equal(content.Indicators, model.Indicators);
    }

    private static ReportModel MinimalModel() => new(
        new DocumentHeader(new Issuer(null, "SỞ NỘI VỤ", "SNV", "An Giang"), null, new DateOnly(2026, 9, 20), "BÁO CÁO", "Kết quả", []),
        new ReportPeriod(ReportKind.Quarter, "2026-Q3", "quý III năm 2026", new DateOnly(2026, 6, 15), new DateOnly(2026, 9, 14),
            WindowRule.Decree09CutOff, DateTimeOffset.UnixEpoch),
        new ReportUnit("U", "Sở Thử nghiệm", "province", "department"),
        new TthcTable("II.06a", "Biểu", "Lĩnh vực", [], TthcFigures.Zero), null,
        new ServiceFigures(0, 0, 0, default, default, default, default), new FeedbackFigures(0, 0, 0, 0), new PlanTaskFigures(0, 0, 0),
        null, [], [], [], DataQualityAnnex.Empty, new SignatureBlock([], "", []), "t1");
}
