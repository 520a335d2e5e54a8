using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Testing;

namespace Accommodation.Gateway.Tests;

public sealed class ApiReferenceTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task A_services_document_is_served_through_the_gateway_under_its_name()
    {
        using var client = gateway.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/room.json");
        // Deny by default: a path no route matches is 401 without a token, and 404 only for a signed-in caller.
        using var unknown = await client.GetAsync("/openapi/nothing.json");
        using var unknownSignedIn = await gateway.CreateClient(TestTokens.Customer("kim", "room")).GetAsync("/openapi/nothing.json");

        Assert.Equal("Room.Api", document.GetProperty("info").GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownSignedIn.StatusCode);
    }

    [Fact]
    public async Task The_reference_page_lists_every_services_document_and_may_run_only_its_own_scripts()
    {
        using var client = gateway.CreateClient();

        using var page = await client.GetAsync("/scalar/");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        foreach (var service in new[] { "room", "reservation", "payment", "roomview", "notification" })
        {
            Assert.Contains($"openapi/{service}.json", html, StringComparison.Ordinal);
        }

        var policy = string.Join(", ", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("http", policy, StringComparison.Ordinal);
    }
}
