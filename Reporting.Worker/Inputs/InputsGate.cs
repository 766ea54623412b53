using Reporting.Worker.Diagnostics;
using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Inputs;

/// <summary>
/// The check the pipeline makes before issuing a draft: are the unit's required inputs in? Under the official
/// signing policy a missing input blocks the draft (default) or, with OfficialWhenMissing = warn, lets it through
/// with a warning to show; under the system policy it always lets it through with the warning.
/// </summary>
public sealed class InputsGate(InputReadinessService readiness, InputOptions options)
{
    public async Task<InputsGateResult> CheckAsync(ReportKey key, SigningPolicy policy, CancellationToken cancellationToken)
    {
        var state = await readiness.ForUnitAsync(UnitInputKey.Of(key), cancellationToken);
        if (state.IsReady)
        {
            return new InputsGateResult(true, state, null);
        }

        var blocked = policy == SigningPolicy.Official && options.OfficialWhenMissing == MissingInputsPolicy.Block;
        var message = blocked
            ? $"Chưa lập dự thảo chính thức {key}: đơn vị còn thiếu {state.Missing.Count} nội dung bắt buộc: {state.MissingText}."
            : $"Cảnh báo: báo cáo {key} còn thiếu {state.Missing.Count} nội dung bắt buộc của đơn vị: {state.MissingText}.";
        return new InputsGateResult(!blocked, state, message);
    }

    /// <summary>Throws INPUT_DRAFT_BLOCKED when blocked; otherwise returns the warning to show (or null).</summary>
    public async Task<string?> EnsureAsync(ReportKey key, SigningPolicy policy, CancellationToken cancellationToken)
    {
        var result = await CheckAsync(key, policy, cancellationToken);
        return result.Allowed ? result.Message : throw new ReportingException(ErrorCodes.InputDraftBlocked, result.Message!);
    }
}

/// <param name="Allowed">The draft may be made.</param>
/// <param name="Message">Why it is blocked, or the warning to show when allowed with missing inputs; null when ready.</param>
public sealed record InputsGateResult(bool Allowed, InputReadiness Readiness, string? Message);
