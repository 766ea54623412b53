using System.Reflection;
using Microsoft.Extensions.Configuration;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Cli;

/// <summary>
/// Finds the verb named by the leading arguments (longest match first, so "db up" beats "db"), handles
/// <c>--help</c>, and turns a <see cref="ReportingException"/> into one line and a non-zero exit code.
/// </summary>
public static class VerbTable
{
    /// <summary>The CLI contract of design.md; a name here without an implementation answers "not yet".</summary>
    private static readonly (string Name, string Summary)[] Contract =
    [
        ("db up", "khởi động (hoặc dùng lại) cụm PostgreSQL riêng và áp dụng migration"),
        ("db stop", "dừng cụm PostgreSQL riêng"),
        ("db status", "cho biết cụm PostgreSQL đang ở đâu"),
        ("seed", "tạo tỉnh tổng hợp (xác định theo --seed)"),
        ("import dossiers", "nạp hồ sơ từ CSV"),
        ("import agencies", "nạp cơ quan, đơn vị từ CSV"),
        ("import procedures", "nạp danh mục TTHC từ CSV"),
        ("summary", "tóm tắt kho dữ liệu của tỉnh"),
        ("report-data", "mô hình báo cáo dưới dạng JSON"),
        ("render", "kết xuất PDF và XLSX của một báo cáo, không ký"),
        ("run", "chạy toàn bộ quy trình một kỳ báo cáo"),
        ("serve", "máy chủ Hangfire, bảng điều khiển và HTTP API"),
        ("runs list", "lịch sử các lần chạy"),
        ("runs show", "chi tiết một lần chạy"),
        ("archive list", "danh sách lưu trữ"),
        ("archive get", "lấy một văn bản lưu trữ"),
        ("archive verify", "kiểm tra băm và chữ ký trong lưu trữ"),
        ("archive import", "nhập bản PDF đã ký"),
        ("inputs export", "xuất sổ nhập liệu của đơn vị"),
        ("inputs import", "nhập sổ nhập liệu của đơn vị"),
        ("inputs show", "xem nhập liệu của đơn vị"),
        ("tracking", "đơn vị nào đã báo cáo, đơn vị nào trễ hạn"),
        ("keys create", "tạo khóa API (in ra một lần)"),
        ("keys list", "liệt kê khóa API (mã công khai, đơn vị, vai trò)"),
        ("keys revoke", "thu hồi một khóa API theo mã công khai"),
        ("certs dev-create", "tạo chứng thư phát triển (CA, hệ thống, người ký)"),
        ("bench", "các phép đo hiệu năng của docs/BENCHMARKS.md"),
    ];

    public static IReadOnlyList<IVerb> Verbs { get; } = typeof(VerbTable).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IVerb).IsAssignableFrom(t))
        .Select(t => (IVerb)Activator.CreateInstance(t)!)
        .OrderBy(v => v.Name, StringComparer.Ordinal)
        .ToList();

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IConfiguration? configuration = null)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            PrintVerbs(output);
            return args.Length == 0 ? 2 : 0;
        }

        var (verb, name, rest) = Find(args);
        if (verb is null && name is null)
        {
            await error.WriteLineAsync($"lỗi [{ErrorCodes.UnknownVerb}]: không có lệnh '{string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')))}'. Dùng --help để xem danh sách.");
            return 2;
        }

        if (verb is null && SubVerbs(name!) is { Count: > 0 } subVerbs)
        {
            await output.WriteLineAsync($"'{name}' gồm các lệnh:");
            foreach (var sub in subVerbs)
            {
                await output.WriteLineAsync($"  {sub.Name,-20} {sub.Summary}");
            }

            return 0;
        }

        if (verb is null)
        {
            await error.WriteLineAsync($"lỗi [{ErrorCodes.NotYetBuilt}]: lệnh '{name}' chưa được xây dựng (not yet).");
            return 3;
        }

        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            await output.WriteLineAsync($"{verb.Name}: {verb.Summary}");
            await output.WriteLineAsync();
            await output.WriteLineAsync(verb.Help);
            return 0;
        }

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            var context = new VerbContext(configuration ?? ReportingSettings.LoadConfiguration(), output, error);
            return await verb.RunAsync(context, new CliArgs(rest), cancel.Token);
        }
        catch (ReportingException ex)
        {
            await error.WriteLineAsync($"lỗi [{ex.Code}]: {ex.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await error.WriteLineAsync("đã hủy.");
            return 130;
        }
        catch (Exception ex) when (Jobs.Failures.IsTransient(ex))
        {
            // The database restarting or another passing failure outside a unit's own retries: one clean line, not
            // an unhandled exception; every step is idempotent, so running the same command again continues.
            await error.WriteLineAsync($"lỗi [{ErrorCodes.TransientFailure}]: lỗi tạm thời ({ex.GetType().Name}: {ex.Message}); chạy lại lệnh để tiếp tục.");
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static (IVerb? Verb, string? Name, string[] Remaining) Find(string[] args)
    {
        for (var words = Math.Min(3, args.Length); words >= 1; words--)
        {
            var candidate = string.Join(' ', args.Take(words));
            var verb = Verbs.FirstOrDefault(v => v.Name == candidate);
            if (verb is not null)
            {
                return (verb, candidate, args[words..]);
            }

            if (Contract.Any(c => c.Name == candidate))
            {
                return (null, candidate, args[words..]);
            }
        }

        return (null, null, args);
    }

    /// <summary>The verbs of a group name such as "bench" ("bench report", "bench cycle", ...).</summary>
    private static List<IVerb> SubVerbs(string group) =>
        Verbs.Where(v => v.Name.StartsWith(group + " ", StringComparison.Ordinal)).ToList();

    private static void PrintVerbs(TextWriter output)
    {
        output.WriteLine("Reporting: báo cáo cải cách hành chính (CCHC).");
        output.WriteLine("Cách dùng: dotnet run --project Reporting.Worker -- <lệnh> [tham số] (mỗi lệnh có --help)");
        output.WriteLine();
        var names = Contract.Select(c => c.Name).Where(n => SubVerbs(n).Count == 0)
            .Union(Verbs.Select(v => v.Name)).Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var verb = Verbs.FirstOrDefault(v => v.Name == name);
            var summary = verb?.Summary ?? Contract.First(c => c.Name == name).Summary + " (not yet)";
            output.WriteLine($"  {name,-20} {summary}");
        }
    }
}
