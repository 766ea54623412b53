using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.Configuration;
using Reporting.Tests.Seed;
using Reporting.Worker.Bench;
using Reporting.Worker.Cli;

namespace Reporting.Tests.Bench;

/// <summary>The bench verbs' plumbing on a small seeded province: they complete and print both figures. No timing is asserted.</summary>
public sealed class BenchVerbsTests(SeededProvinceFixture fixture) : IClassFixture<SeededProvinceFixture>, IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("reporting-bench-test-");

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Warehouse"] = fixture.Database.ConnectionString,
                ["Reporting:DataDirectory"] = _data.FullName,
            })
            .Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await VerbTable.RunAsync(args, output, error, configuration);
        return (exit, output + error.ToString());
    }

    [Fact]
    public async Task BenchReport_OneRun_PrintsTheBarePrintAndOurReportAndTheirRatio()
    {
        var (exit, output) = await RunAsync("bench", "report", "--runs", "1", "--kind", "annual", "--period", "2026", "--unit", "AG.TTPVHCC");

        Assert.True(exit == 0, output);
        Assert.Matches(@"in Chromium trần \(cơ sở\):\s+trung vị \d+\.\d{3} s", output);
        Assert.Matches(@"báo cáo đầy đủ \(PDF\+XLSX\+ký\+lưu\):\s+trung vị \d+\.\d{3} s", output);
        Assert.Matches(@"tỉ lệ: ×\d+\.\d\d", output);
        Assert.Matches(@"ký \(sign\)\s+\d+\.\d{3} s", output);
    }

    [Fact]
    public async Task BenchExcel_SmallAnnex_ReadsThePeakMemoryOfBothChildProcesses()
    {
        var (exit, output) = await RunAsync("bench", "excel", "--rows", "2000");

        Assert.True(exit == 0, output);
        var peaks = Regex.Matches(output, @"RSS đỉnh (\d+) MB").Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal(2, peaks.Count);
        Assert.All(peaks, p => Assert.InRange(p, 10, 4000));
        Assert.Contains("2.000 dòng hồ sơ quá hạn", output);
    }

    [Fact]
    public void ClerkDocx_HoldsTheReportTextOneParagraphPerBlock()
    {
        var path = Path.Combine(_data.FullName, "clerk.docx");

        ClerkRoute.WriteDocx(path, ["<html><head><style>p{}</style></head><body><p>BÁO CÁO</p><table><tr><td>Lĩnh vực</td><td>44.292</td></tr></table></body></html>"]);

        using var document = WordprocessingDocument.Open(path, false);
        var paragraphs = document.MainDocumentPart!.Document.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>()
            .Select(p => p.InnerText).Where(t => t.Length > 0).ToList();
        Assert.Equal(["BÁO CÁO", "Lĩnh vực\t44.292"], paragraphs);
    }

    public void Dispose() => _data.Delete(recursive: true);
}
