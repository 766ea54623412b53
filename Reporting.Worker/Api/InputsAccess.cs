using Dapper;
using Reporting.Worker.Calendar;
using Reporting.Worker.Database;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Inputs;
using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Api;

/// <summary>Whose inputs a route names, once checked: the key, and the unit's name for the workbook title.</summary>
public sealed record InputTarget(UnitInputKey Key, string UnitName);

/// <summary>
/// Who may read and change which unit's inputs (the <c>/api/inputs/{unit}/{kind}/{period}</c> routes):
/// <list type="bullet">
/// <item>department: its own unit and its sub-units on the window's last day (<c>agency_subtree_on</c>), read and write;
/// another unit, or the consolidated report, is 403 API_OUT_OF_SCOPE;</item>
/// <item>home-affairs and admin: every unit and the consolidated report (<c>province</c>), read and write;</item>
/// <item>archivist: every unit, read only (a change is 403 API_ROLE_FORBIDDEN).</item>
/// </list>
/// An agency of kind province stands for the consolidated report: its inputs are kept under <c>province</c>.
/// </summary>
public sealed class InputsAccess(Warehouse warehouse, AdhocRequestStore scope)
{
    public const string ConsolidatedName = "Sở Nội vụ (báo cáo tổng hợp của tỉnh)";

    /// <summary>The target, or the answer to give instead (400 with an <see cref="ApiError"/>, or 403).</summary>
    public async Task<(InputTarget? Target, ApiError? Bad, Forbidden? Forbidden)> ResolveAsync(
        string unit, string kind, string period, ApiCaller caller, bool write, CancellationToken cancellationToken)
    {
        if (write && caller.Role == ApiRole.Archivist)
        {
            return (null, null, ApiError.RoleForbidden(caller));
        }

        Period parsed;
        try
        {
            parsed = Period.Parse(Period.ParseKind(Shorten(kind)), Shorten(period));
        }
        catch (ReportingException ex)
        {
            return (null, ApiError.From(ex), null);
        }

        var code = unit.Trim();
        if (code.Length is 0 or > 64 || !ReportRequestBody.IsPlainText(code))
        {
            return (null, new ApiError(ErrorCodes.UnknownUnit, "Mã đơn vị trống, quá dài hoặc có ký tự không hợp lệ."), null);
        }

        code = code.Normalize(System.Text.NormalizationForm.FormC);

        var seesAll = caller.SeesAllUnits || caller.Role == ApiRole.Archivist;
        UnitInputKey key;
        string name;
        if (code == ReportKey.Province)
        {
            (key, name) = (new UnitInputKey(ReportKey.Province, parsed.Kind, parsed.Code), ConsolidatedName);
        }
        else
        {
            await using var connection = await warehouse.OpenConnectionAsync(cancellationToken);
            var row = await connection.QuerySingleOrDefaultAsync<AgencyRow>(new CommandDefinition(SqlFiles.Get("queries/api/inputs_unit"),
                new { unit = code, from = parsed.From, to = parsed.To }, cancellationToken: cancellationToken));
            if (row is null)
            {
                return (null, new ApiError(ErrorCodes.UnknownUnit, $"Không có đơn vị mã '{Shorten(code)}' trong {parsed.Label}."), null);
            }

            if (!seesAll && !await scope.InScopeAsync(caller.UnitCode, row.Id, parsed.To, cancellationToken))
            {
                return (null, null, OutOfScope(caller));
            }

            (key, name) = row.Kind == "province"
                ? (new UnitInputKey(ReportKey.Province, parsed.Kind, parsed.Code), ConsolidatedName)
                : (new UnitInputKey(row.Code, parsed.Kind, parsed.Code), row.Name);
        }

        if (key.UnitCode == ReportKey.Province && !seesAll)
        {
            return (null, null, OutOfScope(caller));
        }

        return (new InputTarget(key, name), null, null);
    }

    /// <summary>Who wrote a change made with this key: its public prefix and its unit ("1a2b3c4d/A").</summary>
    public static string AuthorOf(ApiCaller caller) => $"{caller.Prefix}/{caller.UnitCode}";

    private static Forbidden OutOfScope(ApiCaller caller) => new(new ApiError(ErrorCodes.ApiOutOfScope,
        $"Khóa của đơn vị {caller.UnitCode} chỉ được xem và nhập liệu cho đơn vị mình và các đơn vị trực thuộc."));

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private sealed class AgencyRow
    {
        public int Id { get; init; }

        public string Code { get; init; } = "";

        public string Name { get; init; } = "";

        public string Kind { get; init; } = "";
    }
}
