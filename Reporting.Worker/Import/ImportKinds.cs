using Dapper;
using Npgsql;
using Reporting.Worker.Database;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Import;

/// <summary>
/// What one kind of CSV holds (docs/IMPORT.md): its columns, how a row becomes typed staging values, and the SQL
/// files that create the staging table, COPY into it and merge it into the warehouse.
/// </summary>
public abstract class ImportKind
{
    public abstract string Name { get; }

    public abstract string[] Columns { get; }

    public string StageSql => $"import/stage_{Name}";

    public string CopySql => $"import/copy_stage_{Name}";

    public string MergeSql => $"import/merge_{Name}";

    /// <summary>A statement run after the merge (it sees the merged rows), or null.</summary>
    public virtual string? AfterMergeSql => null;

    /// <summary>Loads what validation needs from the warehouse; <paramref name="fileCodes"/> are the file's own codes.</summary>
    public virtual Task PrepareAsync(NpgsqlConnection connection, IReadOnlySet<string> fileCodes) => Task.CompletedTask;

    /// <summary>The staging values of a row, in the order of the COPY column list; errors go to the parser.</summary>
    public abstract object?[] Parse(RowParser row);

    protected static async Task<HashSet<string>> CodesAsync(NpgsqlConnection connection, string sql) =>
        (await connection.QueryAsync<(string Code, int Id)>(SqlFiles.Get(sql))).Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
}

public sealed class DossierImport : ImportKind
{
    private static readonly string[] States = ["in_progress", "resolved", "withdrawn", "stopped", "refused"];
    private HashSet<string> _procedures = [];
    private HashSet<string> _agencies = [];

    public override string Name => "dossiers";

    public override string[] Columns =>
    [
        "code", "procedure_code", "receiving_agency_code", "deciding_agency_code", "channel", "received_at", "due_at",
        "finished_at", "returned_at", "ended_at", "state", "has_fee", "paid_online", "result_digitised", "reused_digitised",
        "rating", "updated_at",
    ];

    public override async Task PrepareAsync(NpgsqlConnection connection, IReadOnlySet<string> fileCodes)
    {
        _procedures = await CodesAsync(connection, "seed/procedure_ids");
        _agencies = await CodesAsync(connection, "seed/agency_ids");
    }

    public override object?[] Parse(RowParser row)
    {
        var code = row.Text("code");
        var procedure = row.Text("procedure_code");
        if (procedure.Length > 0 && !_procedures.Contains(procedure))
        {
            row.Fail("procedure_code", ErrorCodes.RowUnknownProcedure, $"không có TTHC mã '{procedure}' trong danh mục");
        }

        var receiving = Agency(row, "receiving_agency_code");
        var deciding = Agency(row, "deciding_agency_code");
        var channelText = row.Text("channel");
        short channel = channelText switch
        {
            "1" or "direct" or "truc_tiep" => 1,
            "2" or "online" or "truc_tuyen" => 2,
            "3" or "postal" or "buu_chinh" => 3,
            _ => 0,
        };
        if (channel == 0 && channelText.Length > 0)
        {
            row.Fail("channel", ErrorCodes.RowBadChannel, $"kênh nộp '{channelText}' không hợp lệ (1 trực tiếp, 2 trực tuyến, 3 bưu chính)");
        }

        var received = row.Instant("received_at", required: true);
        var due = row.Instant("due_at", required: false);
        var finished = row.Instant("finished_at", required: false);
        var returned = row.Instant("returned_at", required: false);
        var ended = row.Instant("ended_at", required: false);
        var state = row.OneOf("state", ErrorCodes.RowBadState, "trạng thái", States);
        var hasFee = row.Bool("has_fee");
        var paidOnline = row.Bool("paid_online");
        var digitised = row.Bool("result_digitised");
        var reused = row.Bool("reused_digitised");
        var ratingText = row.Text("rating", required: false);
        short? rating = null;
        if (ratingText.Length > 0)
        {
            if (short.TryParse(ratingText, out var r) && r is >= 1 and <= 5)
            {
                rating = r;
            }
            else
            {
                row.Fail("rating", ErrorCodes.RowBadValue, $"đánh giá '{ratingText}' không hợp lệ (1 đến 5)");
            }
        }

        var updated = row.Instant("updated_at", required: true);
        if (state == "resolved" && finished is null && row.Errors.Count == 0)
        {
            row.Fail("finished_at", ErrorCodes.RowInconsistent, "hồ sơ 'resolved' phải có finished_at");
        }

        if (state is "withdrawn" or "stopped" or "refused" && ended is null && row.Errors.Count == 0)
        {
            row.Fail("ended_at", ErrorCodes.RowInconsistent, $"hồ sơ '{state}' phải có ended_at");
        }

        return [code, procedure, receiving, deciding, channel, received, due, finished, returned, ended, state, hasFee, paidOnline, digitised, reused, rating, updated];
    }

    private string Agency(RowParser row, string column)
    {
        var code = row.Text(column);
        if (code.Length > 0 && !_agencies.Contains(code))
        {
            row.Fail(column, ErrorCodes.RowUnknownAgency, $"không có cơ quan, đơn vị mã '{code}'");
        }

        return code;
    }
}

public sealed class AgencyImport : ImportKind
{
    private HashSet<string> _known = [];

    public override string Name => "agencies";

    public override string? AfterMergeSql => "import/after_merge_agencies";

    public override string[] Columns =>
        ["code", "name", "short_name", "level", "kind", "symbol", "province_name", "email", "valid_from", "valid_to", "parent_code"];

    public override async Task PrepareAsync(NpgsqlConnection connection, IReadOnlySet<string> fileCodes)
    {
        _known = await CodesAsync(connection, "seed/agency_ids");
        _known.UnionWith(fileCodes);
    }

    public override object?[] Parse(RowParser row)
    {
        var code = row.Text("code");
        var name = row.Text("name");
        var shortName = row.OptionalText("short_name");
        var level = row.OneOf("level", ErrorCodes.RowBadValue, "cấp", "province", "district", "commune");
        var kind = row.OneOf("kind", ErrorCodes.RowBadValue, "loại", "province", "department", "district", "commune", "one_stop_centre");
        var symbol = row.OptionalText("symbol");
        var province = row.Text("province_name");
        var email = row.OptionalText("email");
        var from = row.Date("valid_from", required: true);
        var to = row.Date("valid_to", required: false);
        if (from is not null && to is not null && to <= from)
        {
            row.Fail("valid_to", ErrorCodes.RowInconsistent, "valid_to phải sau valid_from");
        }

        var parent = row.OptionalText("parent_code");
        if (parent is not null && (!_known.Contains(parent) || parent == code))
        {
            row.Fail("parent_code", ErrorCodes.RowUnknownAgency, $"không có cơ quan cấp trên mã '{parent}'");
        }

        return [code, name, shortName, level, kind, symbol, province, email, from, to, parent];
    }
}

public sealed class ProcedureImport : ImportKind
{
    public override string Name => "procedures";

    public override string[] Columns =>
        ["code", "name", "field_code", "field_name", "level", "online_service", "time_limit", "time_unit", "has_fee", "paper_result"];

    public override object?[] Parse(RowParser row)
    {
        var code = row.Text("code");
        var name = row.Text("name");
        var fieldCode = row.Text("field_code");
        var fieldName = row.Text("field_name");
        var level = row.OneOf("level", ErrorCodes.RowBadValue, "cấp", "province", "district", "commune");
        var online = row.OneOf("online_service", ErrorCodes.RowBadValue, "mức dịch vụ trực tuyến", "full", "partial", "none");
        var limit = row.Number("time_limit", 0.1m, 99999m);
        var unit = row.OneOf("time_unit", ErrorCodes.RowBadValue, "đơn vị thời hạn", "working_day", "day", "hour", "month");
        var hasFee = row.Bool("has_fee");
        var paper = row.Bool("paper_result");
        return [code, name, fieldCode, fieldName, level, online, limit, unit, hasFee, paper];
    }
}
