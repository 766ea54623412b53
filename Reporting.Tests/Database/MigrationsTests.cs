using Dapper;
using Npgsql;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Database;

namespace Reporting.Tests.Database;

public sealed class MigrationsTests
{
    [Fact]
    public async Task Apply_OnAnEmptyDatabase_CreatesTheWarehouseTables_AndASecondApplyChangesNothing()
    {
        var server = await TestPostgres.ServerAsync();
        var name = $"empty_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync($"create database {name}");
        }

        var cs = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;
        try
        {
            Migrations.Apply(cs, TextWriter.Null);
            await using var connection = new NpgsqlConnection(cs);
            var tables = (await connection.QueryAsync<string>(
                "select table_name from information_schema.tables where table_schema = 'public'")).ToHashSet();
            Assert.Superset(new HashSet<string> { "agency", "agency_lineage", "agency_parent", "procedure", "field", "dossier", "dossier_event", "calendar_day", "feedback", "plan_task" }, tables);
            var applied = await connection.ExecuteScalarAsync<long>("select count(*) from schema_versions");

            Migrations.Apply(cs, TextWriter.Null);
            Assert.Equal(applied, await connection.ExecuteScalarAsync<long>("select count(*) from schema_versions"));
            Assert.Equal(SqlFiles.Under("schema").Count, applied);
        }
        finally
        {
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await admin.ExecuteAsync($"drop database {name} with (force)");
        }
    }

    [Fact]
    public async Task Dossier_RefusesAResolvedStateWithoutAFinishingTime()
    {
        await using var db = await TestPostgres.CreateDatabaseAsync();
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            insert into agency (code, name, level, kind, province_name, valid_from) values ('P', 'Tỉnh', 'province', 'province', 'An Giang', '2020-01-01');
            insert into field (code, name) values ('F', 'Hộ tịch');
            insert into procedure (code, name, field_id, level, online_service, time_limit, time_unit) values ('1.1', 'Đăng ký khai sinh', 1, 'commune', 'full', 1, 'working_day');
            """);
        var ex = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("""
            insert into dossier (code, procedure_id, receiving_agency_id, deciding_agency_id, channel, received_at, state)
            values ('D1', 1, 1, 1, 2, now(), 'resolved')
            """));
        Assert.Equal(PostgresErrorCodes.CheckViolation, ex.SqlState);
    }
}
