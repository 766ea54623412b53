using Reporting.Worker.Sign;

namespace Reporting.Worker.Cli;

public sealed class CertsDevCreateVerb : IVerb
{
    public string Name => "certs dev-create";

    public string Summary => "tạo chứng thư phát triển (CA, hệ thống, người ký)";

    public string Help => """
        certs dev-create [--out DIR] [--force]
          Tạo CA phát triển, chứng thư hệ thống (chữ ký toàn vẹn kỹ thuật), chứng thư người ký chính thức, chứng thư
          cơ quan và một người ký thuộc CA khác (ngoài danh sách tin cậy), chỉ dùng cho demo và kiểm thử.
          Mặc định DIR là <DataDirectory>/certs (.data/certs). Mật khẩu mỗi tệp .p12 được sinh ngẫu nhiên và ghi
          vào tệp .password bên cạnh (quyền 0600). Danh sách tin cậy: DIR/trust. Đã có thì từ chối, trừ khi --force.
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("out", "force");
        var directory = Path.GetFullPath(args.Get("out") ?? Path.Combine(context.Settings.DataDirectory, "certs"));
        foreach (var file in DevCertificates.Create(directory, args.Has("force")))
        {
            await context.Out.WriteLineAsync($"đã tạo {file}");
        }

        return 0;
    }
}
