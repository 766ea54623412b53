using Reporting.Templates.Model;
using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Inputs;

/// <summary>
/// What the extract stage takes from the inputs for one report: the narrative sections and indicators for the
/// model, the inputs fingerprint to fold into the data fingerprint, and readiness. The consolidated report
/// ("province") reads the inputs stored under unit code "province".
/// </summary>
public sealed record UnitInputsForReport(UnitInputContent Content, string Fingerprint, InputReadiness Readiness)
{
    public static async Task<UnitInputsForReport> LoadAsync(UnitInputStore store, ReportKey key, CancellationToken cancellationToken)
    {
        var inputKey = UnitInputKey.Of(key);
        var values = await store.ValuesAsync(inputKey, cancellationToken);
        var definition = InputDefinitions.For(key.Kind);
        return new UnitInputsForReport(
            InputModelMapper.Map(definition, values),
            InputFingerprint.Compute(values),
            InputReadinessService.Evaluate(inputKey, values.Keys));
    }

    /// <summary>The model with the inputs' sections (appended to any it has) and indicators.</summary>
    public ReportModel ApplyTo(ReportModel model) => model with
    {
        Sections = [.. model.Sections, .. Content.Sections],
        Indicators = Content.Indicators,
    };
}
