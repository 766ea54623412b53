using System.Security.Cryptography;
using Dapper;
using Npgsql;
using Reporting.Templates.Model;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Deliver;
using Reporting.Worker.Pipeline;

namespace Reporting.Tests.Deliver;

/// <summary>Agencies, versions and files for the delivery tests.</summary>
internal static class DeliveryTestData
{
    public const string Superior = "vanthu@snv.angiang.gov.vn";
    public const string Province = "vanthu@ubnd.angiang.gov.vn";

    private static int _nextVersionId = 1000;

    /// <summary>The province, Sở Nội vụ and Sở Tư pháp, each with its own mailbox (idempotent per database).</summary>
    public static async Task SeedAgenciesAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            insert into agency (code, name, level, kind, symbol, province_name, email, valid_from)
            select v.code, v.name, v.level, v.kind, v.symbol, 'An Giang', v.email, date '2020-01-01'
            from (values ('UBND', 'Ủy ban nhân dân tỉnh An Giang', 'province', 'province', 'UBND', 'vanthu@ubnd.angiang.gov.vn'),
                         ('SNV', 'Sở Nội vụ', 'province', 'department', 'SNV', 'vanthu@snv.angiang.gov.vn'),
                         ('STP', 'Sở Tư pháp', 'province', 'department', 'STP', 'vanthu@stp.angiang.gov.vn'),
                         ('SXD', 'Sở Xây dựng', 'province', 'department', 'SXD', 'vanthu@sxd.angiang.gov.vn')) as v(code, name, level, kind, symbol, email)
            where not exists (select 1 from agency a where a.code = v.code)
            """);
    }

    public static DeliveryOptions Options(TestSmtpServer smtp, string? dropDirectory = null, UnknownOutcomePolicy policy = UnknownOutcomePolicy.Resend) => new()
    {
        SuperiorMailbox = Superior,
        ProvinceMailbox = Province,
        FileDropDirectory = dropDirectory,
        UnknownOutcome = policy,
        Smtp = new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, Security = SmtpSecurity.None, TimeoutSeconds = 20 },
        Retry = new RetryOptions { BaseSeconds = 60, MaxSeconds = 3600, MaxAttempts = 5 },
    };

    /// <summary>A fresh version id per call, so tests sharing a server never share a Message-ID.</summary>
    public static ReportVersion Version(string unit = "STP", string issuer = "STP", int number = 15, string symbol = "BC-STP") => new(
        Interlocked.Increment(ref _nextVersionId),
        new ReportKey(ReportKind.Annual, "2026", unit),
        2,
        issuer,
        number,
        symbol,
        new DateOnly(2026, 12, 3),
        "f00d",
        "t1",
        SigningPolicy.System);

    /// <summary>A PDF-ish and an XLSX-ish payload with every byte value (catches any re-encoding).</summary>
    public static IReadOnlyList<DeliveredFile> Files(ReportVersion version, int size = 200_000)
    {
        var pdf = new byte[size];
        RandomNumberGenerator.Fill(pdf);
        "%PDF-1.4\n"u8.CopyTo(pdf);
        var xlsx = new byte[size / 2];
        RandomNumberGenerator.Fill(xlsx);
        return
        [
            new DeliveredFile($"{version.FileStem}.pdf", "application/pdf", pdf),
            new DeliveredFile($"{version.FileStem}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx),
        ];
    }

    public static string Sha256(byte[] content) => Convert.ToHexString(SHA256.HashData(content));
}
