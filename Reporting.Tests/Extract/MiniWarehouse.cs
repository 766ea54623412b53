using Dapper;
using Npgsql;

namespace Reporting.Tests.Extract;

/// <summary>Hand-written rows for "given these rows, expect these figures" tests: one unit, one field, one procedure.</summary>
public sealed record MiniUnit(int AgencyId, int FieldId, int ProcedureId, string Code)
{
    public static readonly TimeSpan Vn = TimeSpan.FromHours(7);

    public static DateTimeOffset Local(int y, int m, int d, int hh = 0, int mm = 0, int ss = 0) => new(y, m, d, hh, mm, ss, Vn);

    public static async Task<MiniUnit> CreateAsync(NpgsqlDataSource db, string code)
    {
        await using var c = await db.OpenConnectionAsync();
        var agency = await c.ExecuteScalarAsync<int>(
            "insert into agency (code, name, level, kind, symbol, province_name, valid_from) values (@code, 'Sở Tư pháp', 'province', 'department', 'STP', 'An Giang', '2000-01-01') returning id",
            new { code });
        var field = await c.ExecuteScalarAsync<int>("insert into field (code, name) values (@code, 'Hộ tịch') returning id", new { code = "F-" + code });
        var procedure = await c.ExecuteScalarAsync<int>(
            "insert into procedure (code, name, field_id, level, online_service, time_limit, time_unit) values (@code, 'Thủ tục', @field, 'province', 'full', 5, 'working_day') returning id",
            new { code = "P-" + code, field });
        return new MiniUnit(agency, field, procedure, code);
    }

    public TestDossier Dossier(string code, short channel, DateTimeOffset received, DateTimeOffset? due, DateTimeOffset? finished = null,
        DateTimeOffset? ended = null, string? state = null) =>
        new($"{Code}-{code}", ProcedureId, AgencyId, channel, received, due, finished, ended,
            state ?? (finished is not null ? "resolved" : "in_progress"), false, false, false);

    public static async Task InsertAsync(NpgsqlDataSource db, params TestDossier[] dossiers)
    {
        await using var c = await db.OpenConnectionAsync();
        await SyntheticProvince.InsertDossiersAsync(c, dossiers);
    }
}
