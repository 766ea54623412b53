using Reporting.Worker.Cli;

namespace Reporting.Tests.Cli;

public sealed class VerbTableTests
{
    [Fact]
    public async Task Help_ListsEveryVerbOfTheDesignContract_AndNoneIsStillNotYet()
    {
        using var output = new StringWriter();
        Assert.Equal(0, await VerbTable.RunAsync(["--help"], output, TextWriter.Null));
        var text = output.ToString();
        foreach (var verb in new[] { "db up", "db stop", "db status", "seed", "import dossiers", "report-data", "render", "run", "serve",
                     "runs list", "runs show", "archive list", "archive get", "archive verify", "archive import", "inputs export",
                     "inputs import", "inputs show", "tracking", "keys create", "bench report" })
        {
            Assert.Contains($"  {verb} ", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("not yet", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGroupName_ListsItsVerbs_AndAnUnknownVerbFailsWithItsCode()
    {
        using var output = new StringWriter();
        Assert.Equal(0, await VerbTable.RunAsync(["bench"], output, TextWriter.Null));
        Assert.Contains("bench cycle", output.ToString(), StringComparison.Ordinal);

        using var error = new StringWriter();
        Assert.Equal(2, await VerbTable.RunAsync(["publish"], TextWriter.Null, error));
        Assert.Contains("CLI_UNKNOWN_VERB", error.ToString(), StringComparison.Ordinal);
    }
}
