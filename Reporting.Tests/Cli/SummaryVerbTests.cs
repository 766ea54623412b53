using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Reporting.Tests.Seed;
using Reporting.Worker.Cli;

namespace Reporting.Tests.Cli;

public sealed partial class SummaryVerbTests(SeededProvinceFixture fixture) : IClassFixture<SeededProvinceFixture>
{
    [Fact]
    public async Task Summary_PrintsUnitsPerLevelAndDossiersPerYear_InVietnameseFormat()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Warehouse"] = fixture.Database.ConnectionString })
            .Build();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await VerbTable.RunAsync(["summary", "--after", "2026-01-01"], output, error, configuration);

        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Matches(@"UBND xã, phường, đặc khu\s+140\s+100", text);
        Assert.Matches(@"UBND huyện\s+10\s+0", text);
        Assert.Matches(@"Tổng\s+3\.000\s", text);
        Assert.Matches(Percent(), text);
        Assert.DoesNotMatch(@"\d\.\d\d%", text);
    }

    [GeneratedRegex(@"\d{1,3},\d{2}%")]
    private static partial Regex Percent();
}
