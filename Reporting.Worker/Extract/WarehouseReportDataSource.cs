using Microsoft.Extensions.Configuration;
using Npgsql;
using Reporting.Templates.Model;
using Reporting.Worker.Calendar;
using Reporting.Worker.Model;
using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Extract;

/// <summary>
/// The extract stage (<see cref="IReportDataSource"/>): parses the period with the province's calendar, caps the
/// window at data_as_of, runs the extracts and the consistency checks, and maps the results into the model.
/// The signature block is a configured default ("Signature" section) until the signatories table lands.
/// </summary>
public sealed class WarehouseReportDataSource(NpgsqlDataSource dataSource, CalendarOptions calendar, IConfiguration? configuration = null,
    TimeProvider? clock = null) : IReportDataSource
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<ReportData> LoadAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        var (results, model) = await LoadWithResultsAsync(request, cancellationToken);
        return new ReportData(model, Fingerprint.Of(results));
    }

    /// <summary>As <see cref="LoadAsync"/>, also returning the raw extract results (tests, diagnostics).</summary>
    public async Task<(ExtractResults Results, ReportModel Model)> LoadWithResultsAsync(ReportRequest request, CancellationToken ct)
    {
        var period = Period.Parse(request.Key.Kind, request.Key.PeriodCode, calendar.RuleFor(request.Key.Kind));
        var now = _clock.GetUtcNow();
        var asOf = request.DataAsOf ?? (calendar.DataAsOf is { } day ? ReportWindow.EndOfDay(day) : null);
        if (asOf > now)
        {
            asOf = now; // a configured day that has not ended yet: the data are as of now
        }

        var window = ReportWindow.For(period, asOf, now);

        AgencyDirectory directory;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            directory = await AgencyDirectory.LoadAsync(connection, ct);
        }

        var isProvince = request.Key.UnitCode == ReportKey.Province;
        var unit = isProvince ? null : directory.Find(request.Key.UnitCode);
        var results = await ExtractRunner.RunAsync(dataSource, directory, request.Key.UnitCode, window, ct);

        var issueDate = CivilTime.DateOf(now);
        AgencyRow? province;
        AgencyRow? issuer;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            if (unit is null)
            {
                province = directory.Agencies.FirstOrDefault(a => a.Kind == "province" && a.ExistsOn(issueDate))
                    ?? directory.Agencies.FirstOrDefault(a => a.Kind == "province");
                issuer = directory.Agencies.FirstOrDefault(a => a.IsHomeAffairs && a.ExistsOn(issueDate));
            }
            else
            {
                var ancestors = await AgencyDirectory.AncestorsAsync(connection, unit.Id, issueDate, ct);
                province = ancestors.Select(id => directory.ById.GetValueOrDefault(id)).FirstOrDefault(a => a?.Kind == "province");
                issuer = unit;
            }
        }

        var context = new ModelContext(unit, issuer, province, issueDate, calendar.ScheduleFor(period), Signature(issuer));
        return (results, ReportModelBuilder.Build(results, directory, context));
    }

    private SignatureBlock Signature(AgencyRow? issuer)
    {
        var section = configuration?.GetSection("Signature");
        var titles = section?.GetSection("TitleLines").GetChildren().Select(c => c.Value ?? "").Where(v => v.Length > 0).ToList();
        if (titles is null || titles.Count == 0)
        {
            titles = issuer?.Kind is "commune" or "district" ? ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] : ["GIÁM ĐỐC"];
        }

        return new SignatureBlock(titles, section?["SignerName"] ?? "", ["Như trên;", "Lưu: VT."]);
    }
}
