using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Reporting.Worker.Api;

/// <summary>
/// The clerks' page: plain HTML, CSS and JavaScript embedded in the assembly (Api/Web/), no build step. It talks to
/// the API with the key the clerk types (kept in sessionStorage only).
/// Routes: <c>GET /</c> → <c>/app</c>; <c>GET /app</c>; <c>GET /app/app.js</c>; <c>GET /app/app.css</c>.
/// </summary>
public static class WebPage
{
    private static readonly Dictionary<string, (string ContentType, byte[] Bytes)> Assets = new(StringComparer.Ordinal)
    {
        ["index.html"] = ("text/html; charset=utf-8", Load("index.html")),
        ["app.js"] = ("text/javascript; charset=utf-8", Load("app.js")),
        ["app.css"] = ("text/css; charset=utf-8", Load("app.css")),
    };

    public static IEndpointRouteBuilder MapReportingWebPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => TypedResults.Redirect("/app"));
        app.MapGet("/app", () => Asset("index.html"));
        app.MapGet("/app/{asset}", (string asset) => Asset(asset));
        return app;
    }

    private static Results<FileContentHttpResult, NotFound> Asset(string name) =>
        Assets.TryGetValue(name, out var asset) ? TypedResults.File(asset.Bytes, asset.ContentType) : TypedResults.NotFound();

    private static byte[] Load(string name)
    {
        using var stream = typeof(WebPage).Assembly.GetManifestResourceStream($"web/{name}")
            ?? throw new InvalidOperationException($"web/{name} is not embedded");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
