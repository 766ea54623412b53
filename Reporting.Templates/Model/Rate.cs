namespace Reporting.Templates.Model;

/// <summary>
/// A percentage that always carries its denominator's name (product decision 3), so no printed rate is ambiguous.
/// A zero denominator has no value: printed as "-" (not 0%, not 100%).
/// </summary>
public readonly record struct Rate(long Numerator, long Denominator, string NumeratorLabel, string DenominatorLabel)
{
    /// <summary>Percent rounded half away from zero to 2 decimals, or null for a zero denominator.</summary>
    public decimal? Percent => Denominator == 0
        ? null
        : Math.Round(100m * Numerator / Denominator, 2, MidpointRounding.AwayFromZero);
}
