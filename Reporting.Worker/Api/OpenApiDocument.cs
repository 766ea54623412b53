using Microsoft.AspNetCore.Http;

namespace Reporting.Worker.Api;

/// <summary>
/// The OpenAPI 3.0 description, a static document (Api/openapi.json, embedded): the registry this project uses has
/// no Microsoft.AspNetCore.OpenApi, so the document is written by hand and a test keeps it in step with the routes
/// actually mapped (Reporting.Tests/Api/OpenApiDocumentTests).
/// </summary>
public static class OpenApiDocument
{
    public static string Json { get; } = Load();

    public static IResult Serve() => TypedResults.Text(Json, "application/json; charset=utf-8");

    private static string Load()
    {
        using var stream = typeof(OpenApiDocument).Assembly.GetManifestResourceStream("api/openapi.json")
            ?? throw new InvalidOperationException("api/openapi.json is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
