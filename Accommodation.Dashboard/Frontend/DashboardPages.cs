using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Accommodation.Dashboard.Frontend;

/// <summary>
/// The dashboard's pages: one HTML document, its stylesheet and its scripts, built into this assembly (wwwroot/) so the
/// AppHost serves them wherever it runs. The pages read everything else from the JSON and event-stream APIs.
/// </summary>
public static class DashboardPages
{
    private static readonly Assembly Assembly = typeof(DashboardPages).Assembly;

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public static IEndpointRouteBuilder MapDashboardPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => Asset("index.html"));
        endpoints.MapGet("/css/{file}", (string file) => Asset($"css/{file}"));
        endpoints.MapGet("/js/{file}", (string file) => Asset($"js/{file}"));
        return endpoints;
    }

    private static IResult Asset(string path)
    {
        // Resource names are fixed at build time (LogicalName in the project file), so a path can only pick one of them.
        var stream = Assembly.GetManifestResourceStream($"wwwroot/{path}");
        if (stream is null || !ContentTypes.TryGetValue(Path.GetExtension(path), out var contentType))
        {
            stream?.Dispose();
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such page.", detail: $"The dashboard has no '{path}'.");
        }

        return Results.Stream(stream, contentType);
    }
}
