namespace Accommodation.Gateway.Extensions;

/// <summary>
/// API paths no service serves. Their routes (metadata <c>Unrouted</c>) exist so that such a path is not the web app's
/// catch-all: it stays deny-by-default (401 without a token), and with one it is a 404 problem that reaches no service.
/// </summary>
internal static class UnroutedPaths
{
    public const string MetadataKey = "Unrouted";

    public static void MapGatewayProxy(this WebApplication app) => app.MapReverseProxy(proxy =>
    {
        proxy.Use((context, next) =>
            context.GetReverseProxyFeature().Route.Config.Metadata?.ContainsKey(MetadataKey) == true
                ? TypedResults.Problem(
                    statusCode: StatusCodes.Status404NotFound,
                    title: "Not found",
                    detail: $"No API answers {context.Request.Method} {context.Request.Path}.").ExecuteAsync(context)
                : next());
        // What MapReverseProxy() runs by default.
        proxy.UseSessionAffinity();
        proxy.UseLoadBalancing();
        proxy.UsePassiveHealthChecks();
    });
}
