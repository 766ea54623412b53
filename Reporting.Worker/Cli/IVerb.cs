namespace Reporting.Worker.Cli;

/// <summary>
/// One CLI verb. VerbTable finds every implementation by reflection, so a new verb is a new file and touches
/// nothing shared. <see cref="Name"/> may hold a sub-verb ("db up", "archive verify").
/// </summary>
public interface IVerb
{
    string Name { get; }

    /// <summary>One line for the verb list.</summary>
    string Summary { get; }

    /// <summary>Usage and options, printed by <c>--help</c>.</summary>
    string Help { get; }

    Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken);
}
