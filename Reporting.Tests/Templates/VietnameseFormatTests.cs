using Reporting.Templates.Formatting;
using Reporting.Templates.Model;

namespace Reporting.Tests.Templates;

public sealed class VietnameseFormatTests
{
    [Theory]
    [InlineData(44292, "44.292")]
    [InlineData(386797, "386.797")]
    [InlineData(171091, "171.091")]
    [InlineData(999, "999")]
    [InlineData(0, "0")]
    [InlineData(1234567, "1.234.567")]
    public void Number_GroupsThousandsWithDots(long value, string expected) => Assert.Equal(expected, VietnameseFormat.Number(value));

    [Fact]
    public void Rate_PrintsTwoDecimalsWithCommaAndNoSpaceBeforePercent()
    {
        Assert.Equal("64,86%", VietnameseFormat.Rate(new Rate(24, 37, "a", "b")));
        Assert.Equal("88,04%", VietnameseFormat.Percent(88.04m));
        Assert.Equal("100,00%", VietnameseFormat.Rate(new Rate(5, 5, "a", "b")));
        Assert.Equal("1.234,50%", VietnameseFormat.Percent(1234.5m));
    }

    [Fact]
    public void Rate_WithZeroDenominator_PrintsDash() => Assert.Equal("-", VietnameseFormat.Rate(new Rate(0, 0, "a", "b")));

    [Fact]
    public void Change_SaysIncreaseOrDecrease()
    {
        Assert.Equal("tăng 87,94%", VietnameseFormat.Change(87.94m));
        Assert.Equal("giảm 3,10%", VietnameseFormat.Change(-3.1m));
        Assert.Equal("không đổi", VietnameseFormat.Change(0m));
        Assert.Null(VietnameseFormat.Change(10, 0));
        Assert.Equal("tăng 50,00%", VietnameseFormat.Change(150, 100));
    }

    [Theory]
    [InlineData(2026, 1, 5, "ngày 05 tháng 01 năm 2026")]
    [InlineData(2026, 12, 15, "ngày 15 tháng 12 năm 2026")]
    [InlineData(2026, 3, 9, "ngày 09 tháng 3 năm 2026")]
    [InlineData(2026, 2, 28, "ngày 28 tháng 02 năm 2026")]
    [InlineData(2019, 6, 29, "ngày 29 tháng 6 năm 2019")]
    [InlineData(2026, 10, 1, "ngày 01 tháng 10 năm 2026")]
    public void LongDate_LeadingZeroOnDaysBelowTenAndMonthsOneAndTwoOnly(int y, int m, int d, string expected) =>
        Assert.Equal(expected, VietnameseFormat.LongDate(new DateOnly(y, m, d)));

    [Fact]
    public void DateLine_StartsWithThePlace() =>
        Assert.Equal("An Giang, ngày 05 tháng 12 năm 2026", VietnameseFormat.DateLine("An Giang", new DateOnly(2026, 12, 5)));

    [Fact]
    public void ShortDateAndWindow_AreDayMonthYear()
    {
        Assert.Equal("05/01/2026", VietnameseFormat.ShortDate(new DateOnly(2026, 1, 5)));
        Assert.Equal("(Từ ngày 15/12/2025 đến ngày 14/12/2026)", VietnameseFormat.Window(new DateOnly(2025, 12, 15), new DateOnly(2026, 12, 14)));
    }

    [Fact]
    public void DocumentNumber_PadsBelowTenAndLeavesRoomOnADraft()
    {
        Assert.Equal("Số: 05/BC-SNV", VietnameseFormat.DocumentNumber(5, "BC", "SNV"));
        Assert.Equal("Số: 123/BC-SNV", VietnameseFormat.DocumentNumber(123, "BC", "SNV"));
        Assert.Equal("Số: 15/BC-UBND", VietnameseFormat.DocumentNumber(15, "BC", "UBND"));
        Assert.Equal("Số:      /BC-SNV", VietnameseFormat.DocumentNumber(null, "BC", "SNV"));
    }

    [Fact]
    public void Nfc_ComposesDecomposedVietnamese()
    {
        var decomposed = "Ha\u0323nh phu\u0301c";
        Assert.Equal("Hạnh phúc", VietnameseFormat.Nfc(decomposed));
        Assert.Equal("An Giang, ngày 05 tháng 12 năm 2026", VietnameseFormat.DateLine("An Giang".Normalize(System.Text.NormalizationForm.FormD), new DateOnly(2026, 12, 5)));
    }

    [Fact]
    public void Roman_NumbersAppendices()
    {
        Assert.Equal("I", VietnameseFormat.Roman(1));
        Assert.Equal("IV", VietnameseFormat.Roman(4));
        Assert.Equal("IX", VietnameseFormat.Roman(9));
    }
}
