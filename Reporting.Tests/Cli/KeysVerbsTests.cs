using Dapper;
using Microsoft.Extensions.Configuration;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Api;
using Reporting.Worker.Cli;

namespace Reporting.Tests.Cli;

public sealed class KeysVerbsTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task KeysCreate_PrintsTheKeyOnce_StoresOnlyItsHash_AndListAndRevokeUseThePrefix()
    {
        await using (var connection = await db.Database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("insert into agency (code, name, level, kind, province_name, valid_from) values ('SNV', 'Sở Nội vụ', 'province', 'department', 'An Giang', '2020-01-01')");
        }

        var (code, output, _) = await RunAsync("keys", "create", "--unit", "SNV", "--role", "home-affairs");
        Assert.Equal(0, code);
        var token = output.Trim();
        var prefix = ApiKeyToken.PrefixOf(token);
        Assert.NotNull(prefix);

        await using (var connection = await db.Database.DataSource.OpenConnectionAsync())
        {
            var stored = await connection.QuerySingleAsync<(string Prefix, byte[] Hash, string Role)>(
                "select prefix, secret_sha256, role from api_key");
            Assert.Equal((prefix, "home-affairs"), (stored.Prefix, stored.Role));
            Assert.Equal(ApiKeyToken.Hash(token), stored.Hash);
            var everything = string.Join('|', await connection.QueryAsync<string>("select row_to_json(k)::text from api_key k"));
            Assert.DoesNotContain(token[12..], everything, StringComparison.Ordinal);
        }

        var (_, list, _) = await RunAsync("keys", "list");
        Assert.Contains(prefix!, list, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync("keys", "revoke", prefix!)).Code);
        await using var warehouse = await db.Database.OpenWarehouseAsync();
        Assert.Null(await new ApiKeyStore(warehouse).AuthenticateAsync(token, default));
    }

    [Theory]
    [InlineData("--unit", "NOPE", "--role", "department", "UNIT_UNKNOWN")]
    [InlineData("--unit", "SNV", "--role", "boss", "KEY_ROLE_INVALID")]
    public async Task KeysCreate_RefusesAnUnknownUnitOrRole_WithItsCode(string a, string b, string c, string d, string expected)
    {
        var (code, _, error) = await RunAsync("keys", "create", a, b, c, d);
        Assert.Equal(1, code);
        Assert.Contains($"lỗi [{expected}]", error, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Warehouse"] = db.Database.ConnectionString,
        }).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await VerbTable.RunAsync(args, output, error, configuration);
        return (code, output.ToString(), error.ToString());
    }
}
