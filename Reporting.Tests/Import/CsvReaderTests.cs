using Reporting.Worker.Import;

namespace Reporting.Tests.Import;

public sealed class CsvReaderTests
{
    [Fact]
    public void Read_HandlesQuotesCommasAndLineBreaks_AndKeepsTheStartingLine()
    {
        var records = CsvReader.Read(new StringReader("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"multi\nline\",z\nlast,\"open\n")).ToList();

        Assert.Equal(["x, y", "say \"hi\""], records[1].Fields);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(["multi\nline", "z"], records[2].Fields);
        Assert.Equal(3, records[2].Line);
        Assert.Equal(5, records[3].Line);
        Assert.True(records[3].UnclosedQuote);
    }

    [Fact]
    public void Read_NormalisesValuesToNfc()
    {
        var decomposed = "Hòa".Normalize(System.Text.NormalizationForm.FormD);
        var record = CsvReader.Read(new StringReader(decomposed + "\n")).Single();
        Assert.Equal("Hòa".Normalize(System.Text.NormalizationForm.FormC), record.Fields[0]);
    }
}
