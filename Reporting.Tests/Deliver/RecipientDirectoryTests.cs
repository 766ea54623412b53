using Dapper;
using Reporting.Templates.Model;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Deliver;
using Reporting.Worker.Pipeline;

namespace Reporting.Tests.Deliver;

public sealed class RecipientDirectoryTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly DeliveryOptions Options = new()
    {
        SuperiorMailbox = "VanThu@SNV.AnGiang.gov.vn",
        ProvinceMailbox = "vanthu@ubnd.angiang.gov.vn",
        FileDropDirectory = "/srv/qlvb/drop",
    };

    public Task InitializeAsync() => DeliveryTestData.SeedAgenciesAsync(database.Database.DataSource);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task UnitReport_GoesToSoNoiVu_TheUnitsOwnMailbox_AndTheDropDirectory()
    {
        var recipients = await new RecipientDirectory(database.Database.DataSource, Options)
            .ResolveAsync(new ReportKey(ReportKind.Annual, "2026", "STP"), "STP", CancellationToken.None);

        Assert.Equal(
            [
                new Recipient(DeliveryChannel.Email, "vanthu@snv.angiang.gov.vn", "Sở Nội vụ", RecipientRole.Superior, 10),
                new Recipient(DeliveryChannel.Email, "vanthu@stp.angiang.gov.vn", null, RecipientRole.OwnCopy, 10),
                new Recipient(DeliveryChannel.FileDrop, "/srv/qlvb/drop", null, RecipientRole.FileDrop, 10),
            ],
            recipients);
    }

    [Fact]
    public async Task ConsolidatedReport_GoesToUbndTinh()
    {
        var recipients = await new RecipientDirectory(database.Database.DataSource, Options)
            .ResolveAsync(new ReportKey(ReportKind.Annual, "2026", ReportKey.Province), "SNV", CancellationToken.None);

        Assert.Equal(("vanthu@ubnd.angiang.gov.vn", "UBND tỉnh"), (recipients[0].Address, recipients[0].Label));
        Assert.Equal(RecipientRole.Superior, recipients[0].Role);
        Assert.Contains(recipients, r => r is { Role: RecipientRole.OwnCopy, Address: "vanthu@snv.angiang.gov.vn" });
    }

    [Fact]
    public async Task NoiNhan_ListsTheLabelledRecipientsInOrder_AndEndsWithLuuVT()
    {
        await using (var connection = await database.Database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("""
                insert into delivery_recipient (report_kind, unit_code, channel, address, label, sort_order)
                values ('annual', 'SXD', 'email', 'vanthu@vpubnd.angiang.gov.vn', 'Văn phòng UBND tỉnh', 20),
                       (null, 'SXD', 'email', 'giamdoc@sxd.angiang.gov.vn', 'Giám đốc Sở', 5),
                       ('quarter', 'SXD', 'email', 'quy@sxd.angiang.gov.vn', 'Chỉ báo cáo quý', 30),
                       (null, 'SXD', 'file_drop', '/srv/qlvb/drop', null, 100)
                """);
            await connection.ExecuteAsync("update delivery_recipient set enabled = false where unit_code = 'SXD' and channel = 'file_drop'");
        }

        var directory = new RecipientDirectory(database.Database.DataSource, Options);
        var key = new ReportKey(ReportKind.Annual, "2026", "SXD");
        var lines = await directory.NoiNhanLinesAsync(key, "SXD", CancellationToken.None);
        var recipients = await directory.ResolveAsync(key, "SXD", CancellationToken.None);

        Assert.Equal(["- Giám đốc Sở;", "- Sở Nội vụ;", "- Văn phòng UBND tỉnh;", "- Lưu: VT, SXD."], lines);
        Assert.DoesNotContain(recipients, r => r.Channel == DeliveryChannel.FileDrop); // switched off for this unit
    }
}
