using Scalar.AspNetCore;

namespace Accommodation.Gateway.ApiReference;

/// <summary>
/// Every service's OpenAPI document in one page at /scalar: the documents come through the gateway's own routes
/// (/openapi/{service}.json, forwarded to each service's /openapi/v1.json), so "try it" calls go through the gateway too.
/// </summary>
internal static class ApiReferencePage
{
    public const string Path = "/scalar";

    // The services whose documents the page offers, in the order a reader meets them.
    private static readonly (string Service, string Title)[] Documents =
    [
        ("room", "Rooms (room)"),
        ("reservation", "Reservations (reservation)"),
        ("payment", "Payments (payment)"),
        ("roomview", "Room view and customers' reservations (roomview)"),
        ("notification", "Notices (notification)"),
    ];

    public static void MapApiReference(this WebApplication app) =>
        app.MapScalarApiReference(Path, options =>
        {
            options.WithTitle("Accommodation API").WithOpenApiRoutePattern("/openapi/{documentName}.json");
            // Nothing leaves the machine: no telemetry, no fonts from a CDN, no AI chat, no hosted-tools bar.
            options.Telemetry = false;
            options.DefaultFonts = false;
            options.Agent = new ScalarAgentOptions { Disabled = true };
            options.ShowDeveloperTools = DeveloperToolsVisibility.Never;
            options.DotNetFlag = false;
            foreach (var (service, title) in Documents)
            {
                options.AddDocument(service, title, isDefault: service == "room");
            }
        }).AllowAnonymous();
}
