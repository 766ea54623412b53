using Reporting.Worker.Api;

namespace Reporting.Worker.Cli;

public sealed class KeysCreateVerb : IVerb
{
    public string Name => "keys create";

    public string Summary => "tạo khóa API (in ra một lần)";

    public string Help => """
        keys create --unit MÃ_ĐƠN_VỊ --role department|home-affairs|archivist|admin
          Tạo một khóa API cho đơn vị và in ra MỘT LẦN (chỉ lưu băm SHA-256). Mã công khai (8 ký tự) dùng để
          liệt kê và thu hồi. department: chỉ đơn vị mình và đơn vị trực thuộc; home-affairs (Sở Nội vụ): mọi
          đơn vị và theo dõi; archivist: tra cứu lưu trữ; admin: tất cả.
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("unit", "role");
        var unit = args.Require("unit");
        var role = ApiCaller.ParseRole(args.Require("role"));
        var warehouse = await context.WarehouseAsync(cancellationToken);
        var (token, prefix) = await new ApiKeyStore(warehouse).CreateAsync(unit, role, cancellationToken);
        await context.Out.WriteLineAsync(token);
        await context.Error.WriteLineAsync($"Đã tạo khóa {prefix} cho đơn vị {unit}, vai trò {ApiCaller.RoleName(role)}. Khóa chỉ in ra lần này; hãy lưu lại.");
        return 0;
    }
}

public sealed class KeysListVerb : IVerb
{
    public string Name => "keys list";

    public string Summary => "liệt kê khóa API (mã công khai, đơn vị, vai trò)";

    public string Help => "keys list\n  Liệt kê các khóa API: mã công khai, đơn vị, vai trò, ngày tạo, ngày thu hồi. Không bao giờ in khóa.";

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly();
        var warehouse = await context.WarehouseAsync(cancellationToken);
        foreach (var k in await new ApiKeyStore(warehouse).ListAsync(cancellationToken))
        {
            var revoked = k.RevokedAt is { } r ? $"thu hồi {r:yyyy-MM-dd HH:mm}Z" : "đang dùng";
            await context.Out.WriteLineAsync($"{k.Prefix}  {k.UnitCode,-16} {k.Role,-13} tạo {k.CreatedAt:yyyy-MM-dd HH:mm}Z  {revoked}");
        }

        return 0;
    }
}

public sealed class KeysRevokeVerb : IVerb
{
    public string Name => "keys revoke";

    public string Summary => "thu hồi một khóa API theo mã công khai";

    public string Help => "keys revoke MÃ_CÔNG_KHAI\n  Thu hồi khóa (từ đó khóa bị từ chối với 401). Lặp lại không thay đổi gì.";

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly();
        if (args.Positionals.Count != 1)
        {
            throw new Diagnostics.ReportingException(Diagnostics.ErrorCodes.BadArguments, "Cần đúng một mã công khai của khóa: keys revoke MÃ.");
        }

        var warehouse = await context.WarehouseAsync(cancellationToken);
        await new ApiKeyStore(warehouse).RevokeAsync(args.Positionals[0], cancellationToken);
        await context.Out.WriteLineAsync($"Đã thu hồi khóa {args.Positionals[0]}.");
        return 0;
    }
}
