using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Reporting.Templates.Model;

namespace Reporting.Templates.Html;

/// <summary>
/// The HTML of one report: a single document holding the report and, after it, each appendix on its own named
/// page (own orientation, own page numbering), so that Chromium prints the whole report in one go.
/// </summary>
public sealed record ReportHtml(string Html, IReadOnlyList<AppendixPlan> Appendices);

/// <summary>
/// Renders the Razor components to HTML strings with ASP.NET Core's <see cref="HtmlRenderer"/>. Model text is
/// always encoded by Razor; only our own stylesheet goes in as markup.
/// </summary>
public sealed class HtmlComposer : IAsyncDisposable
{
    private static readonly string Stylesheet = LoadStylesheet();

    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();
    private readonly HtmlRenderer _renderer;

    public HtmlComposer()
    {
        _renderer = new HtmlRenderer(_services, NullLoggerFactory.Instance);
    }

    public async Task<ReportHtml> ComposeAsync(ReportModel model)
    {
        var plans = AppendixPlan.For(model);
        var html = await RenderAsync<ReportDocument>(new Dictionary<string, object?>
        {
            [nameof(ReportDocument.Model)] = model,
            [nameof(ReportDocument.Css)] = new MarkupString(Stylesheet + AppendixPages(plans)),
            [nameof(ReportDocument.Appendices)] = plans,
        });
        return new ReportHtml(html, plans);
    }

    /// <summary>
    /// One named page per appendix (domain.md §1.5: each appendix has its own page numbering). The page of the wide
    /// TTHC form is A4 landscape (Nghị định 30/2020 allows it). Each named page counts its own pages in a counter
    /// of the same name, set to 0 on the root element; the number is printed with the "so-trang" style of
    /// report.css, which prints nothing for 1, so an appendix's first page carries no number, like page 1 of the
    /// report. (CSS has no selector for "the first page of a named page run"; Chromium ignores counter changes of
    /// elements in the page context, but page-context increments of a root counter carry from page to page.)
    /// </summary>
    internal static string AppendixPages(IReadOnlyList<AppendixPlan> plans)
    {
        if (plans.Count == 0)
        {
            return "";
        }

        var css = new System.Text.StringBuilder("\nhtml { counter-reset:");
        foreach (var plan in plans)
        {
            css.Append(' ').Append(plan.PageName).Append(" 0");
        }

        css.Append("; }\n");
        foreach (var plan in plans)
        {
            var size = plan.Landscape ? "size: A4 landscape; margin: 20mm 15mm 20mm 20mm; " : "";
            css.Append("@page ").Append(plan.PageName).Append(" { ").Append(size)
                .Append("counter-increment: ").Append(plan.PageName)
                .Append("; @top-center { content: counter(").Append(plan.PageName).Append(", so-trang); } }\n");
        }

        return css.ToString();
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
