namespace Accommodation.Reservations.Api.Grpc;

/// <summary>
/// Without TLS, Kestrel speaks HTTP/2 (h2c, prior knowledge) only on an endpoint that is HTTP/2 alone, which HTTP/1.1
/// clients cannot use; an Http1AndHttp2 endpoint falls back to HTTP/1.1. So when <c>Reservation:GrpcUrl</c> is set the
/// service listens twice: REST as HTTP/1.1 on its usual URLs (ASPNETCORE_URLS), gRPC as h2c on that URL.
/// </summary>
internal static class GrpcEndpoint
{
    public const string UrlKey = "Reservation:GrpcUrl";

    public static void ListenForGrpcBesideRest(this WebApplicationBuilder builder)
    {
        if (builder.Configuration[UrlKey] is not { Length: > 0 } grpcUrl)
        {
            return;
        }

        var endpoints = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:grpc:Url"] = grpcUrl,
            ["Kestrel:Endpoints:grpc:Protocols"] = "Http2",
        };
        var restUrls = builder.Configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls ? urls : "http://localhost:5000";
        foreach (var (url, index) in restUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select((url, index) => (url, index)))
        {
            endpoints[$"Kestrel:Endpoints:rest{index}:Url"] = url;
            endpoints[$"Kestrel:Endpoints:rest{index}:Protocols"] = "Http1";
        }

        builder.Configuration.AddInMemoryCollection(endpoints);
        // The URLs now live on as configured endpoints; cleared so Kestrel does not warn that it overrides them.
        builder.WebHost.UseUrls();
    }
}
