using System.Net;
using Accommodation.Hosting.Networking;
using Accommodation.Reservations.Api.Grpc;
using Accommodation.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Accommodation.Reservations.Tests.Grpc;

/// <summary>
/// Where <see cref="GrpcEndpoint.ListenForGrpcBesideRest"/> puts REST: on the addresses the host would have bound itself —
/// ASPNETCORE_URLS, else the HTTP_PORTS and HTTPS_PORTS the .NET container images set, else http://localhost:5000.
/// </summary>
public sealed class GrpcEndpointTests
{
    private const string GrpcUrl = "http://127.0.0.1:5005";

    [Theory]
    [InlineData("http://127.0.0.1:5100;http://127.0.0.1:5101", "8080", "8443", new[] { "http://127.0.0.1:5100", "http://127.0.0.1:5101" })]
    [InlineData("", "8080", "", new[] { "http://+:8080" })]
    [InlineData("", "8080; 8082", "8443", new[] { "http://+:8080", "http://+:8082", "https://+:8443" })]
    [InlineData("", "", "8443", new[] { "https://+:8443" })]
    [InlineData("", "", "", new[] { "http://localhost:5000" })]
    public void Rest_listens_as_http_1_1_on_the_urls_else_the_ports_else_localhost_5000(
        string urls, string httpPorts, string httpsPorts, string[] expected)
    {
        var builder = Builder(urls, httpPorts, httpsPorts, GrpcUrl);

        builder.ListenForGrpcBesideRest();

        var rest = Endpoints(builder.Configuration).Where(endpoint => endpoint.Name != "grpc").ToList();
        Assert.Equal(expected, rest.Select(endpoint => endpoint.Url));
        Assert.All(rest, endpoint => Assert.Equal("Http1", endpoint.Protocols));
    }

    [Fact]
    public void Grpc_listens_as_h2c_on_its_own_url()
    {
        var builder = Builder(urls: "", httpPorts: "8080", httpsPorts: "", GrpcUrl);

        builder.ListenForGrpcBesideRest();

        Assert.Contains(("grpc", GrpcUrl, "Http2"), Endpoints(builder.Configuration));
    }

    [Fact]
    public void The_urls_and_ports_are_cleared_once_they_are_endpoints()
    {
        var builder = Builder(urls: "http://127.0.0.1:5100", httpPorts: "8080", httpsPorts: "8443", GrpcUrl);

        builder.ListenForGrpcBesideRest();

        Assert.Empty(builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? "");
        Assert.Empty(builder.Configuration[WebHostDefaults.HttpPortsKey] ?? "");
        Assert.Empty(builder.Configuration[WebHostDefaults.HttpsPortsKey] ?? "");
    }

    [Fact]
    public void Without_a_grpc_url_nothing_changes()
    {
        var builder = Builder(urls: "", httpPorts: "8080", httpsPorts: "", grpcUrl: "");

        builder.ListenForGrpcBesideRest();

        Assert.Empty(Endpoints(builder.Configuration));
        Assert.Equal("8080", builder.Configuration[WebHostDefaults.HttpPortsKey]);
    }

    /// <summary>As in a container: no ASPNETCORE_URLS, only the image's HTTP_PORTS, and Reservation__GrpcUrl beside it.</summary>
    [Fact]
    public async Task With_only_http_ports_kestrel_serves_rest_there_and_grpc_on_its_url_without_warnings()
    {
        var restPort = FreePort.Find();
        var grpcUrl = $"http://127.0.0.1:{FreePort.Find()}";
        var logs = new CapturedLogs();
        var builder = Builder(urls: "", httpPorts: restPort.ToString(System.Globalization.CultureInfo.InvariantCulture), httpsPorts: "", grpcUrl);
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.ListenForGrpcBesideRest();
        await using var app = builder.Build();
        app.MapGet("/", () => "rest");

        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        using var http = new HttpClient();
        using var rest = await http.SendAsync(Get($"http://127.0.0.1:{restPort}/", HttpVersion.Version11));
        using var h2c = await http.SendAsync(Get($"{grpcUrl}/", HttpVersion.Version20));
        await app.StopAsync();

        Assert.Equal(
            new[] { new Uri(grpcUrl).Port, restPort }.Order(),
            bound.Select(address => new Uri(address).Port).Order());
        Assert.Equal((HttpStatusCode.OK, HttpVersion.Version11), (rest.StatusCode, rest.Version));
        Assert.Equal((HttpStatusCode.OK, HttpVersion.Version20), (h2c.StatusCode, h2c.Version));
        Assert.DoesNotContain(logs.Entries, entry => entry.Level >= LogLevel.Warning);
    }

    private static WebApplicationBuilder Builder(string urls, string httpPorts, string httpsPorts, string grpcUrl)
    {
        var builder = WebApplication.CreateBuilder();
        // Added last, so these win over whatever the machine running the tests has in ASPNETCORE_URLS and the like.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [WebHostDefaults.ServerUrlsKey] = urls,
            [WebHostDefaults.HttpPortsKey] = httpPorts,
            [WebHostDefaults.HttpsPortsKey] = httpsPorts,
            [GrpcEndpoint.UrlKey] = grpcUrl,
        });
        return builder;
    }

    private static List<(string Name, string? Url, string? Protocols)> Endpoints(IConfiguration configuration) =>
    [
        .. configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(endpoint => (endpoint.Key, endpoint["Url"], endpoint["Protocols"]))
            .OrderBy(endpoint => endpoint.Key, StringComparer.Ordinal),
    ];

    private static HttpRequestMessage Get(string url, Version version) =>
        new(HttpMethod.Get, url) { Version = version, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
}
