using Dapper;
using Npgsql;

namespace Reporting.Tests.Tracking;

/// <summary>A small province across the 2025 reform: three departments, a district and two communes that
/// ended on 2025-07-01, and the commune that succeeded them.</summary>
internal static class TrackingTestData
{
    public static async Task SeedAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            insert into agency (code, name, level, kind, symbol, province_name, email, valid_from, valid_to)
            values ('UBND', 'Ủy ban nhân dân tỉnh An Giang', 'province', 'province', 'UBND', 'An Giang', 'vanthu@ubnd.angiang.gov.vn', '2020-01-01', null),
                   ('SNV', 'Sở Nội vụ', 'province', 'department', 'SNV', 'An Giang', 'vanthu@snv.angiang.gov.vn', '2020-01-01', null),
                   ('STP', 'Sở Tư pháp', 'province', 'department', 'STP', 'An Giang', 'vanthu@stp.angiang.gov.vn', '2020-01-01', null),
                   ('SXD', 'Sở Xây dựng', 'province', 'department', 'SXD', 'An Giang', 'vanthu@sxd.angiang.gov.vn', '2020-01-01', null),
                   ('H-CT', 'Ủy ban nhân dân huyện Châu Thành', 'district', 'district', 'UBND', 'An Giang', 'vanthu@chauthanh.angiang.gov.vn', '2020-01-01', '2025-07-01'),
                   ('X-AH', 'Ủy ban nhân dân xã An Hòa', 'commune', 'commune', 'UBND', 'An Giang', 'vanthu@anhoa.angiang.gov.vn', '2020-01-01', '2025-07-01'),
                   ('X-VH', 'Ủy ban nhân dân xã Vĩnh Hòa', 'commune', 'commune', 'UBND', 'An Giang', 'vanthu@vinhhoa.angiang.gov.vn', '2020-01-01', null),
                   ('X-CT', 'Ủy ban nhân dân xã Châu Thành', 'commune', 'commune', 'UBND', 'An Giang', null, '2025-07-01', null)
            on conflict (code) do nothing
            """);
    }
}
