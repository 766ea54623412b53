using Reporting.Worker.Sign;

namespace Reporting.Worker.Cli;

public sealed class CertsDevCreateVerb : IVerb
{
    public string Name => "certs dev-create";

    public string Summary => "tạo chứng thư phát triển (CA, hệ thống, người ký)";

    public string Help => """
        certs dev-create [--out DIR] [--force | --if-missing]
          Tạo CA phát triển, chứng thư hệ thống (chữ ký toàn vẹn kỹ thuật), chứng thư người ký chính thức, chứng thư
          cơ quan và một người ký thuộc CA khác (ngoài danh sách tin cậy), chỉ dùng cho demo và kiểm thử.
          Mặc định DIR là <DataDirectory>/certs (.data/certs). Mật khẩu mỗi tệp .p12 được sinh ngẫu nhiên và ghi
          vào tệp .password bên cạnh (quyền 0600). Danh sách tin cậy: DIR/trust. Đã có thì từ chối, trừ khi --force
          (tạo lại) hoặc --if-missing (giữ nguyên, thoát 0).
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("out", "force", "if-missing");
        var directory = Path.GetFullPath(args.Get("out") ?? Path.Combine(context.Settings.DataDirectory, "certs"));
        if (args.Has("if-missing") && File.Exists(Path.Combine(directory, DevCertificates.SystemFile)))
        {
            await context.Out.WriteLineAsync($"Đã có chứng thư phát triển trong {directory}; giữ nguyên.");
            return 0;
        }

        foreach (var file in DevCertificates.Create(directory, args.Has("force")))
        {
            await context.Out.WriteLineAsync($"đã tạo {file}");
        }

        return 0;
    }
}

public sealed class CertsDevSignVerb : IVerb
{
    public string Name => "certs dev-sign";

    public string Summary => "ký thử một PDF bằng chứng thư phát triển (đóng vai người ký bên ngoài)";

    public string Help => """
        certs dev-sign FILE --as official-signer|organisation|foreign-signer|system --out OUT [--certs DIR] [--reason TEXT]
          Chỉ cho demo và kiểm thử: đóng vai người ký bên ngoài hệ thống (người có thẩm quyền, rồi văn thư ký số
          của cơ quan) để ký dự thảo bằng chứng thư do 'certs dev-create' tạo. Ký thêm một lần cập nhật tăng dần:
          chữ ký đã có vẫn còn hiệu lực. Ký thật dùng thiết bị ký số của từng người, ngoài hệ thống.
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("as", "out", "certs", "reason");
        if (args.Positionals.Count != 1)
        {
            throw new Diagnostics.ReportingException(Diagnostics.ErrorCodes.BadArguments, "Cần đúng một tệp PDF: certs dev-sign FILE --as ... --out OUT.");
        }

        var who = args.Require("as");
        var file = who switch
        {
            "official-signer" => DevCertificates.OfficialSignerFile,
            "organisation" => DevCertificates.OrganisationFile,
            "foreign-signer" => DevCertificates.ForeignSignerFile,
            "system" => DevCertificates.SystemFile,
            _ => throw new Diagnostics.ReportingException(Diagnostics.ErrorCodes.BadArguments, $"--as '{who}' không hợp lệ: official-signer, organisation, foreign-signer hoặc system."),
        };
        var directory = Path.GetFullPath(args.Get("certs") ?? Path.Combine(context.Settings.DataDirectory, "certs"));
        using var key = SigningCertificate.Load(Path.Combine(directory, file));
        var name = key.Certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false);
        var signed = await new PdfSigner(key).SignAsync(await File.ReadAllBytesAsync(args.Positionals[0], cancellationToken),
            new SignatureRequest(name, args.Get("reason") ?? "Ký ban hành (thử nghiệm)", "An Giang", DateTimeOffset.UtcNow), cancellationToken);
        var output = args.Require("out");
        await File.WriteAllBytesAsync(output, signed, cancellationToken);
        await context.Out.WriteLineAsync($"Đã ký {args.Positionals[0]} bằng '{name}' -> {output}.");
        return 0;
    }
}
