using Dapper;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Import;

namespace Reporting.Tests.Import;

public sealed class ReferenceImportTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("reporting-import-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task ImportAgencies_LinksParentsFromTheSameFile_AndASecondImportChangesNothing()
    {
        var file = Path.Combine(_dir, "agencies.csv");
        await File.WriteAllTextAsync(file, """
            code,name,short_name,level,kind,symbol,province_name,email,valid_from,valid_to,parent_code
            P,Ủy ban nhân dân tỉnh An Giang,UBND tỉnh,province,province,UBND,An Giang,ubnd@angiang.gov.vn,2025-07-01,,
            P.SNV,Sở Nội vụ,Sở Nội vụ,province,department,SNV,An Giang,snv@angiang.gov.vn,2025-07-01,,P
            P.X1,"Ủy ban nhân dân xã Mỹ Hòa, đặc khu",Xã Mỹ Hòa,commune,commune,UBND,An Giang,,2025-07-01,,P
            P.BAD,Đơn vị lạ,,region,commune,,An Giang,,2025-07-01,,P

            """);
        var importer = new CsvImporter(fixture.Database.DataSource);

        var first = await importer.ImportAsync(new AgencyImport(), file, strict: false, CancellationToken.None);
        var second = await importer.ImportAsync(new AgencyImport(), file, strict: false, CancellationToken.None);

        Assert.Equal((3, 0), (first.Inserted, first.Updated));
        Assert.Equal((0, 0), (second.Inserted, second.Updated));
        var error = Assert.Single(first.Errors);
        Assert.Equal((5, "level", ErrorCodes.RowBadValue), (error.Line, error.Column, error.Code));
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        Assert.Equal(2, await c.ExecuteScalarAsync<long>(
            "select count(*) from agency_parent ap join agency p on p.id = ap.parent_id where p.code = 'P'"));
        Assert.Equal("Ủy ban nhân dân xã Mỹ Hòa, đặc khu", await c.ExecuteScalarAsync<string>("select name from agency where code = 'P.X1'"));
    }

    [Fact]
    public async Task ImportProcedures_CreatesTheirFields_AndUpdatesOnlyWhatChanged()
    {
        var file = Path.Combine(_dir, "procedures.csv");
        const string header = "code,name,field_code,field_name,level,online_service,time_limit,time_unit,has_fee,paper_result\n";
        await File.WriteAllTextAsync(file, header + """
            9.000001,Đăng ký khai sinh,HT9,Hộ tịch,commune,full,3,working_day,false,true
            9.000002,Cấp giấy phép xây dựng,XD9,Hoạt động xây dựng,district,partial,15,working_day,true,true
            """);
        var importer = new CsvImporter(fixture.Database.DataSource);
        var first = await importer.ImportAsync(new ProcedureImport(), file, strict: true, CancellationToken.None);
        await File.WriteAllTextAsync(file, header + """
            9.000001,Đăng ký khai sinh,HT9,Hộ tịch,commune,full,5,working_day,false,true
            9.000002,Cấp giấy phép xây dựng,XD9,Hoạt động xây dựng,district,partial,15,working_day,true,true
            """);
        var second = await importer.ImportAsync(new ProcedureImport(), file, strict: true, CancellationToken.None);

        Assert.Equal((2, 0), (first.Inserted, first.Updated));
        Assert.Equal((0, 1), (second.Inserted, second.Updated));
    }

    [Fact]
    public async Task Import_RefusesAFileWithoutTheExpectedHeader()
    {
        var file = Path.Combine(_dir, "noheader.csv");
        await File.WriteAllTextAsync(file, "9.000001,Đăng ký khai sinh,HT9\n");
        var ex = await Assert.ThrowsAsync<ReportingException>(() =>
            new CsvImporter(fixture.Database.DataSource).ImportAsync(new ProcedureImport(), file, strict: false, CancellationToken.None));
        Assert.Equal(ErrorCodes.ImportBadHeader, ex.Code);
    }
}
