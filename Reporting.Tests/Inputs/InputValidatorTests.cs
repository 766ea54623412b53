using Reporting.Templates.Model;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Inputs;

namespace Reporting.Tests.Inputs;

public sealed class InputValidatorTests
{
    private static readonly InputField Count = InputDefinitions.Find("CD_VAN_BAN_CHI_DAO")!;
    private static readonly InputField Percent = InputDefinitions.Find("CQS_VB_DIEN_TU")!;
    private static readonly InputField Date = InputDefinitions.Find("CD_KE_HOACH_NGAY")!;
    private static readonly InputField ShortText = InputDefinitions.Find("CD_KE_HOACH_SO_HIEU")!;
    private static readonly InputField Narrative = InputDefinitions.Find("III")!;

    private static string? Ok(InputField field, string raw)
    {
        var error = InputValidator.Normalise(field, raw, out var canonical);
        Assert.Null(error);
        return canonical;
    }

    private static InputError Refused(InputField field, string raw)
    {
        var error = InputValidator.Normalise(field, raw, out var canonical);
        Assert.NotNull(error);
        Assert.Null(canonical);
        Assert.Equal(field.Code, error.FieldCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }

    [Theory]
    [InlineData("12", "12")]
    [InlineData(" 0 ", "0")]
    [InlineData("44.292", "44292")]
    [InlineData("007", "7")]
    public void Count_AcceptsWholeNumbers_AndVietnameseThousands(string raw, string expected) => Assert.Equal(expected, Ok(Count, raw));

    [Theory]
    [InlineData("12,5")]
    [InlineData("1.5")]
    [InlineData("mười")]
    [InlineData("1e3")]
    public void Count_RefusesWhatIsNotAWholeNumber(string raw) => Assert.Equal(ErrorCodes.InputNotInteger, Refused(Count, raw).Code);

    [Theory]
    [InlineData("-1")]
    [InlineData("- 3")]
    public void Count_RefusesNegativeCounts(string raw) => Assert.Equal(ErrorCodes.InputNegative, Refused(Count, raw).Code);

    [Fact]
    public void Count_RefusesImplausiblyLargeNumbers() => Assert.Equal(ErrorCodes.InputOutOfRange, Refused(Count, "99999999999").Code);

    [Theory]
    [InlineData("88,04", "88.04")]
    [InlineData("88.04", "88.04")]
    [InlineData("88,04%", "88.04")]
    [InlineData("100", "100.00")]
    [InlineData("0", "0.00")]
    [InlineData("95,10", "95.10")]
    public void Percentage_AcceptsCommaOrDot_AndStoresTwoDecimals(string raw, string expected) => Assert.Equal(expected, Ok(Percent, raw));

    [Theory]
    [InlineData("100,01")]
    [InlineData("-0,5")]
    [InlineData("250")]
    public void Percentage_RefusesValuesOutside0To100(string raw) => Assert.Equal(ErrorCodes.InputPercentOutOfRange, Refused(Percent, raw).Code);

    [Fact]
    public void Percentage_RefusesMoreThanTwoDecimals() => Assert.Equal(ErrorCodes.InputPercentPrecision, Refused(Percent, "88,045").Code);

    [Theory]
    [InlineData("cao")]
    [InlineData("1,2,3")]
    public void Percentage_RefusesText(string raw) => Assert.Equal(ErrorCodes.InputNotPercent, Refused(Percent, raw).Code);

    [Theory]
    [InlineData("05/12/2026", "2026-12-05")]
    [InlineData("5/1/2026", "2026-01-05")]
    [InlineData("2026-12-05", "2026-12-05")]
    public void Date_AcceptsDayMonthYear_AndIso(string raw, string expected) => Assert.Equal(expected, Ok(Date, raw));

    [Theory]
    [InlineData("31/02/2026")]
    [InlineData("12-05-2026")]
    [InlineData("hôm qua")]
    public void Date_RefusesWhatIsNotADate(string raw) => Assert.Equal(ErrorCodes.InputNotDate, Refused(Date, raw).Code);

    [Fact]
    public void Date_RefusesImplausibleYears() => Assert.Equal(ErrorCodes.InputDateOutOfRange, Refused(Date, "01/01/1990").Code);

    [Fact]
    public void ShortText_RefusesTextOverItsLimit_AndAcceptsTheLimit()
    {
        Assert.Equal(new string('x', ShortText.MaxLength), Ok(ShortText, new string('x', ShortText.MaxLength)));
        Assert.Equal(ErrorCodes.InputTooLong, Refused(ShortText, new string('x', ShortText.MaxLength + 1)).Code);
    }

    [Fact]
    public void ShortText_RefusesMoreThanOneLine() => Assert.Equal(ErrorCodes.InputMultiline, Refused(ShortText, "139/KH\nUBND").Code);

    [Fact]
    public void Narrative_RefusesTextOverItsLimit() =>
        Assert.Equal(ErrorCodes.InputTooLong, Refused(Narrative, new string('a', InputDefinitions.NarrativeMaxLength + 1)).Code);

    [Fact]
    public void Narrative_RefusesControlCharacters() => Assert.Equal(ErrorCodes.InputControlCharacter, Refused(Narrative, "đoạn\u0007một").Code);

    [Fact]
    public void Narrative_NormalisesLineEndsAndNfc_AndKeepsMarkupAsTyped()
    {
        var decomposed = "Đánh gia\u0301 chung\r\n- ý một\r" + InputTestData.Markup;
        Assert.Equal("Đánh giá chung\n- ý một\n" + InputTestData.Markup, Ok(Narrative, "  " + decomposed + "  "));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n ")]
    public void Blank_MeansNoValue_ForEveryType(string? raw)
    {
        foreach (var field in new[] { Count, Percent, Date, ShortText, Narrative })
        {
            Assert.Null(InputValidator.Normalise(field, raw, out var canonical));
            Assert.Null(canonical);
        }
    }

    [Fact]
    public void Definition_HasUniqueCodes_AndTheOutlineKeysTheTemplatesReadForNarrative()
    {
        Assert.Equal(InputDefinitions.All.Count, InputDefinitions.All.Select(f => f.Code).Distinct().Count());
        Assert.Equal(["I.1", "I.2", "I.3", "I.4", "I.5", "II.1", "II.2.a", "II.3", "II.4", "II.5", "II.6", "III", "IV", "V"],
            InputDefinitions.For(ReportKind.Annual).Narratives.Select(f => f.Code));
        Assert.All(InputDefinitions.All, f => Assert.False(string.IsNullOrWhiteSpace(f.Help)));
        Assert.Contains(InputDefinitions.For(ReportKind.Annual).Required, f => f.Code == "CV_BIEN_CHE_GIAO");
        Assert.DoesNotContain(InputDefinitions.For(ReportKind.Quarter).Required, f => f.Code == "CV_BIEN_CHE_GIAO");
    }

    [Fact]
    public void EveryNarrativeField_FillsALeafSlotOfThePeriodicOutline_SoNoOutlineLeafIsLeftWithoutAnInput()
    {
        var leaves = Reporting.Templates.Html.ReportOutline.Flatten(Reporting.Templates.Html.ReportOutline.Periodic)
            .Where(s => s.Children.Count == 0).ToList();
        var narrative = InputDefinitions.All.Where(f => f.IsNarrative).Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
        Assert.All(narrative, code => Assert.Contains(leaves, s => s.Number == code));

        // A leaf the template writes no figures for gets its text from a unit input, or it would print a placeholder.
        Assert.All(leaves.Where(s => s.Figures == Reporting.Templates.Html.SlotFigures.None), s => Assert.Contains(s.Number, narrative));
        Assert.True(InputDefinitions.Find("II.2.a")!.IsRequired(ReportKind.Quarter));
    }

    [Fact]
    public void DefinitionJson_DescribesEveryField_WithTypeRequiredAndLimits()
    {
        var json = System.Text.Json.JsonDocument.Parse(InputDefinitionJson.Serialize(ReportKind.Quarter)).RootElement;
        Assert.Equal(InputDefinitions.Version, json.GetProperty("version").GetString());
        Assert.Equal("quarter", json.GetProperty("kind").GetString());
        var fields = json.GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal(InputDefinitions.All.Count, fields.Count);
        var percent = fields.Single(f => f.GetProperty("code").GetString() == "CQS_VB_DIEN_TU");
        Assert.Equal("percentage", percent.GetProperty("type").GetString());
        Assert.True(percent.GetProperty("required").GetBoolean());
        Assert.Equal(100, percent.GetProperty("max").GetDecimal());
        Assert.Equal(2, percent.GetProperty("decimals").GetInt32());
        var narrative = fields.Single(f => f.GetProperty("code").GetString() == "V");
        Assert.Equal("narrative", narrative.GetProperty("type").GetString());
        Assert.False(narrative.GetProperty("required").GetBoolean());
        Assert.Equal("Đề xuất, kiến nghị", narrative.GetProperty("label").GetString());
    }
}
