using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Reporting.Templates.Model;

namespace Reporting.Templates.Html;

/// <summary>The HTML of one report: the document itself and each appendix as its own page-numbered part.</summary>
public sealed record ReportHtml(string Document, IReadOnlyList<AppendixHtml> Appendices);

public sealed record AppendixHtml(AppendixPlan Plan, string Html);

/// <summary>
/// Renders the Razor components to HTML strings with ASP.NET Core's <see cref="HtmlRenderer"/>. Model text is
/// always encoded by Razor; only our own stylesheet goes in as markup.
/// </summary>
public sealed class HtmlComposer : IAsyncDisposable
{
    private static readonly string Stylesheet = LoadStylesheet();

    /// <summary>Appendices holding the wide TTHC form turn the page (Nghị định 30/2020 allows landscape).</summary>
    private const string LandscapePage = "\n@page { size: A4 landscape; margin: 20mm 15mm 20mm 20mm; }\n";

    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();
    private readonly HtmlRenderer _renderer;

    public HtmlComposer()
    {
        _renderer = new HtmlRenderer(_services, NullLoggerFactory.Instance);
    }

    public async Task<ReportHtml> ComposeAsync(ReportModel model)
    {
        var plans = AppendixPlan.For(model);
        var document = await RenderAsync<ReportDocument>(new Dictionary<string, object?>
        {
            [nameof(ReportDocument.Model)] = model,
            [nameof(ReportDocument.Css)] = new MarkupString(Stylesheet),
            [nameof(ReportDocument.AppendixTitles)] = plans.Select(p => p.Title).ToList(),
        });
        var appendices = new List<AppendixHtml>();
        foreach (var plan in plans)
        {
            var html = await RenderAsync<AppendixDocument>(new Dictionary<string, object?>
            {
                [nameof(AppendixDocument.Model)] = model,
                [nameof(AppendixDocument.Appendix)] = plan,
                [nameof(AppendixDocument.Css)] = new MarkupString(plan.Landscape ? Stylesheet + LandscapePage : Stylesheet),
            });
            appendices.Add(new AppendixHtml(plan, html));
        }

        return new ReportHtml(document, appendices);
    }

    private Task<string> RenderAsync<TComponent>(Dictionary<string, object?> parameters)
        where TComponent : IComponent =>
        _renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await _renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });

    private static string LoadStylesheet()
    {
        var assembly = typeof(HtmlComposer).Assembly;
        using var stream = assembly.GetManifestResourceStream("Reporting.Templates.Html.report.css")
            ?? throw new InvalidOperationException("Thiếu tài nguyên report.css.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public async ValueTask DisposeAsync()
    {
        await _renderer.DisposeAsync();
        await _services.DisposeAsync();
    }
}
