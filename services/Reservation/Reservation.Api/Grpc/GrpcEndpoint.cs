namespace Accommodation.Reservations.Api.Grpc;

/// <summary>
/// Without TLS, Kestrel speaks HTTP/2 (h2c, prior knowledge) only on an endpoint that is HTTP/2 alone, which HTTP/1.1
/// clients cannot use; an Http1AndHttp2 endpoint falls back to HTTP/1.1. So when <c>Reservation:GrpcUrl</c> is set the
/// service listens twice: REST as HTTP/1.1 on the addresses the host would have bound anyway, gRPC as h2c on that URL.
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
        foreach (var (url, index) in RestUrls(builder.Configuration).Select((url, index) => (url, index)))
        {
            endpoints[$"Kestrel:Endpoints:rest{index}:Url"] = url;
            endpoints[$"Kestrel:Endpoints:rest{index}:Protocols"] = "Http1";
        }

        builder.Configuration.AddInMemoryCollection(endpoints);
        // The addresses now live on as configured endpoints; cleared so Kestrel does not warn that it overrides them.
        builder.WebHost.UseUrls();
        builder.WebHost.UseSetting(WebHostDefaults.HttpPortsKey, "");
        builder.WebHost.UseSetting(WebHostDefaults.HttpsPortsKey, "");
    }

    /// <summary>
    /// REST's addresses, in the host's own order: ASPNETCORE_URLS; else ASPNETCORE_HTTP_PORTS and HTTPS_PORTS, each port on
    /// every interface (the .NET container images set HTTP_PORTS=8080); else Kestrel's default, http://localhost:5000.
    /// </summary>
    private static IEnumerable<string> RestUrls(IConfiguration configuration)
    {
        var urls = Split(configuration[WebHostDefaults.ServerUrlsKey]);
        if (urls.Length > 0)
        {
            return urls;
        }

        string[] ports =
        [
            .. Split(configuration[WebHostDefaults.HttpPortsKey]).Select(port => $"http://+:{port}"),
            .. Split(configuration[WebHostDefaults.HttpsPortsKey]).Select(port => $"https://+:{port}"),
        ];
        return ports.Length > 0 ? ports : ["http://localhost:5000"];
    }

    private static string[] Split(string? value) =>
        (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
