using Npgsql;

namespace Reporting.Tests.Pipeline;

/// <summary>
/// A tiny province for pipeline tests (the seeder is another stage's): the province, Sở Nội vụ, two communes and
/// a few dossiers in 2026. Test data only; product SQL lives in sql/.
/// </summary>
public static class PipelineSeed
{
    public static readonly string[] Units = ["SNV", "XA-VH", "XA-MT"];

    public static async Task SeedAsync(NpgsqlDataSource db)
    {
        await using var cmd = db.CreateCommand("""
            insert into agency (code, name, level, kind, symbol, province_name, valid_from) values
              ('TINH', 'Ủy ban nhân dân tỉnh An Giang', 'province', 'province', 'UBND', 'An Giang', '2025-07-01'),
              ('SNV', 'Sở Nội vụ', 'province', 'department', 'SNV', 'An Giang', '2025-07-01'),
              ('XA-VH', 'Ủy ban nhân dân xã Vĩnh Hòa', 'commune', 'commune', 'UBND', 'An Giang', '2025-07-01'),
              ('XA-MT', 'Ủy ban nhân dân xã Mỹ Thới', 'commune', 'commune', 'UBND', 'An Giang', '2025-07-01');
            insert into agency_parent (agency_id, parent_id, valid_from)
              select a.id, p.id, '2025-07-01' from agency a, agency p where p.code = 'TINH' and a.code <> 'TINH';
            insert into field (code, name) values ('HT', 'Hộ tịch');
            insert into procedure (code, name, field_id, level, online_service, time_limit, time_unit)
              select '1.000001', 'Đăng ký khai sinh', id, 'commune', 'full', 3, 'working_day' from field;
            insert into dossier (code, procedure_id, receiving_agency_id, deciding_agency_id, channel, received_at, state)
              select 'HS-' || a.code || '-' || g, (select id from procedure), a.id, a.id, 1 + (g % 2),
                     timestamptz '2026-03-01 09:00+07' + g * interval '1 day', 'in_progress'
              from agency a, generate_series(1, 5) g where a.code <> 'TINH';
            """);
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<long> ScalarAsync(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
