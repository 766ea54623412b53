using Dapper;
using Npgsql;

namespace Reporting.Tests.Inputs;

/// <summary>Agencies for inputs tests (the inputs stage only needs codes, names and validity).</summary>
internal static class InputTestData
{
    public const string Markup = "<script>alert('x')</script> & <b>đậm</b> =SUM(A1) 0123";

    public static async Task AddAgencyAsync(NpgsqlDataSource dataSource, string code, string name = "Sở Thử nghiệm",
        string kind = "department", string validFrom = "2020-01-01", string? validTo = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            insert into agency (code, name, level, kind, symbol, province_name, valid_from, valid_to)
            values (@code, @name, case when @kind = 'commune' then 'commune' else 'province' end, @kind, 'STN', 'An Giang',
                    @validFrom::date, @validTo::date)
            """, new { code, name, kind, validFrom, validTo });
    }
}
