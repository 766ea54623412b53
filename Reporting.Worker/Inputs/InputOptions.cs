using Microsoft.Extensions.Configuration;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Inputs;

/// <summary>What an official draft does while required inputs are missing.</summary>
public enum MissingInputsPolicy
{
    /// <summary>Default: the official draft is not made; the unit is told what is missing.</summary>
    Block,

    /// <summary>The draft is made with placeholders and a visible warning.</summary>
    Warn,
}

/// <summary>
/// Options of the inputs stage, section <c>Reporting:Inputs</c>:
/// <c>OfficialWhenMissing</c> = <c>block</c> (default) or <c>warn</c>
/// (env: <c>REPORTING_Reporting__Inputs__OfficialWhenMissing=warn</c>).
/// </summary>
public sealed record InputOptions(MissingInputsPolicy OfficialWhenMissing)
{
    public const string Section = "Reporting:Inputs";

    public static InputOptions Default { get; } = new(MissingInputsPolicy.Block);

    public static InputOptions From(IConfiguration configuration)
    {
        var value = configuration[$"{Section}:OfficialWhenMissing"];
        return value?.Trim().ToLowerInvariant() switch
        {
            null or "" or "block" => new(MissingInputsPolicy.Block),
            "warn" => new(MissingInputsPolicy.Warn),
            _ => throw new ReportingException(ErrorCodes.BadConfiguration,
                $"{Section}:OfficialWhenMissing = '{value}' không hợp lệ; dùng 'block' hoặc 'warn'."),
        };
    }
}
