using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Testing;

namespace Accommodation.Gateway.Tests;

public sealed class GatewayHardeningTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task A_body_declared_larger_than_the_limit_is_a_413_problem_and_never_reaches_a_service()
    {
        using var client = gateway.CreateClient();
        var before = gateway.ReachedRoom.Count;

        using var response = await client.PostAsync("/api/v1/rooms", new ByteArrayContent(new byte[1025]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("1024 bytes", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, gateway.ReachedRoom.Count);
    }

    [Fact]
    public async Task A_chunked_body_that_grows_past_the_limit_is_a_413_too()
    {
        using var client = gateway.CreateClient(TestTokens.Manager("room"));

        using var response = await client.PostAsync("/api/v1/rooms", new ChunkedContent(new byte[4096]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(gateway.ReachedRoom, length => length > 1024);
    }

    [Fact]
    public async Task A_body_within_the_limit_is_forwarded_whole()
    {
        using var client = gateway.CreateClient(TestTokens.Manager("room"));

        using var response = await client.PostAsync("/api/v1/rooms", new ByteArrayContent(new byte[1024]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(1024L, gateway.ReachedRoom);
    }

    [Theory]
    [InlineData("/api/v1/rooms/101")]
    [InlineData("/no-such-route")]
    public async Task Every_answer_carries_the_security_headers_and_says_nothing_of_the_servers_behind(string path)
    {
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.False(response.Headers.Contains("Server"));
        Assert.False(response.Headers.Contains("X-Powered-By"));
    }

    [Fact]
    public async Task Only_the_web_apps_origin_may_call_from_a_browser()
    {
        using var client = gateway.CreateClient();

        using var allowed = await client.SendAsync(Preflight(GatewayFactory.WebAppOrigin));
        using var other = await client.SendAsync(Preflight("https://evil.example"));

        Assert.Equal(GatewayFactory.WebAppOrigin, Header(allowed, "Access-Control-Allow-Origin"));
        Assert.Contains("Authorization", Header(allowed, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
        Assert.Null(Header(other, "Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string origin) => new(HttpMethod.Options, "/api/v1/rooms")
    {
        Headers =
        {
            { "Origin", origin },
            { "Access-Control-Request-Method", "POST" },
            { "Access-Control-Request-Headers", "authorization,content-type" },
        },
    };

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    // No Content-Length: the gateway learns the size only while reading.
    private sealed class ChunkedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
