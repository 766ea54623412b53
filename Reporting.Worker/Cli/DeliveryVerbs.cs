using System.Globalization;
using Reporting.Worker.Deliver;
using Reporting.Worker.Diagnostics;
using Reporting.Worker.Tracking;

namespace Reporting.Worker.Cli;

public sealed class DeliveryListVerb : IVerb
{
    public string Name => "delivery list";

    public string Summary => "sổ gửi văn bản: nơi nhận, trạng thái, số lần thử, lỗi";

    public string Help => """
        delivery list [--version ID]
          In các dòng của sổ gửi (một dòng cho mỗi phiên bản, nơi nhận, kênh): pending, sending, sent, failed, unknown.
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("version");
        long? version = args.Has("version") ? args.GetLong("version", 0) : null;
        var warehouse = await context.WarehouseAsync(cancellationToken);
        foreach (var row in await LedgerEntry.ListAsync(warehouse.DataSource, version, cancellationToken))
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{row.Id}\tv{row.ReportVersionId}\t{row.Channel}\t{row.Recipient}\t{row.State}\t{row.Attempts} lần\t{row.MessageId}\t{row.LastError}"));
        }

        return 0;
    }
}

public sealed class DeliveryRunVerb : IVerb
{
    public string Name => "delivery run";

    public string Summary => "gửi lại các dòng đến hạn và gửi thư nhắc hạn";

    public string Help => """
        delivery run
          Gửi các dòng của sổ gửi đang chờ đến hạn thử lại (và các dòng 'unknown' nếu Delivery:UnknownOutcome là Resend),
          rồi gửi thư nhắc hạn đến hạn. Đây là việc lịch chạy định kỳ thực hiện.
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly();
        var warehouse = await context.WarehouseAsync(cancellationToken);
        var services = TrackingServices.From(warehouse.DataSource, context.Configuration);
        var attempted = await services.Delivery.RunDueAsync(cancellationToken);
        var reminders = await services.Reminders.SendDueRemindersAsync(DateTimeOffset.UtcNow, cancellationToken);
        await context.Out.WriteLineAsync($"Đã thử gửi {attempted} dòng; đã gửi {reminders} thư nhắc hạn.");
        return 0;
    }
}

public sealed class DeliveryResolveVerb : IVerb
{
    public string Name => "delivery resolve";

    public string Summary => "quyết định cho một lần gửi 'unknown' hoặc 'failed'";

    public string Help => """
        delivery resolve --id N (--resend | --sent) [--note TEXT]
          --resend  gửi lại (cùng Message-ID, nơi nhận nhận ra bản trùng); dùng cả để thử lại một dòng 'failed'
          --sent    ghi nhận nơi nhận đã có văn bản (ví dụ văn thư xác nhận), không gửi lại
        """;

    public async Task<int> RunAsync(VerbContext context, CliArgs args, CancellationToken cancellationToken)
    {
        args.EnsureOnly("id", "resend", "sent", "note");
        var id = args.GetLong("id", -1);
        if (id < 0 || args.Has("resend") == args.Has("sent"))
        {
            throw new ReportingException(ErrorCodes.BadArguments, "Cần --id và đúng một trong --resend hoặc --sent.");
        }

        var warehouse = await context.WarehouseAsync(cancellationToken);
        var delivery = new ReportDelivery(warehouse.DataSource, DeliveryOptions.From(context.Configuration));
        await delivery.ResolveAsync(id, args.Has("resend"), args.Get("note"), cancellationToken);
        await context.Out.WriteLineAsync(args.Has("resend") ? $"Dòng {id} sẽ được gửi lại ở lần chạy tới." : $"Dòng {id} đã ghi nhận là đã gửi.");
        return 0;
    }
}
