using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Testing;

namespace Accommodation.Gateway.Tests;

/// <summary>Deny by default: only room browsing, availability, the API reference and sign-in pass without a token.</summary>
public sealed class GatewayAuthorizationTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    public static TheoryData<string, string> ProtectedRoutes => new()
    {
        { "POST", "/api/v1/rooms" },
        { "PATCH", "/api/v1/rooms/101" },
        { "POST", "/api/v1/rooms/101/check-out" },
        { "POST", "/api/v1/reservations" },
        { "GET", "/api/v1/reservations/R-1" },
        { "GET", "/api/v1/reservations?customerId=kim" },
        { "POST", "/api/v1/reservations/R-1/pay" },
        { "GET", "/api/v1/customers/kim/reservations" },
        { "GET", "/api/v1/payments?customerId=kim" },
        { "GET", "/api/v1/notices?customerId=kim" },
        { "GET", "/api/anything-else" },
    };

    public static TheoryData<string, string> PublicRoutes => new()
    {
        { "GET", "/api/v1/rooms" },
        { "GET", "/api/v1/rooms/101/nights?from=2030-01-01&to=2030-01-05" },
        { "GET", "/api/v1/roominfos" },
        { "GET", "/api/v1/roominfos/101/availability?from=2030-01-01&to=2030-01-05" },
        { "GET", "/.well-known/openid-configuration" },
        { "POST", "/connect/token" },
        { "GET", "/account/login" },
        { "GET", "/openapi/room.json" },
        // The web app's pages: they sign the user in themselves.
        { "GET", "/" },
        { "GET", "/rooms/101" },
        { "GET", "/_blazor/negotiate" },
    };

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task A_protected_route_without_a_valid_token_is_a_401_problem_and_reaches_no_service(string method, string path)
    {
        using var client = gateway.CreateClient();
        foreach (var (name, token) in TestTokens.Refused("reservation"))
        {
            var before = gateway.Reached.Count;
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };
            if (token is not null)
            {
                request.WithBearer(token);
            }

            using var response = await client.SendAsync(request);

            Assert.True(HttpStatusCode.Unauthorized == response.StatusCode, $"{name}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(401, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
            Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            Assert.Equal(before, gateway.Reached.Count);
        }
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task A_protected_route_with_a_valid_token_is_forwarded_with_the_token(string method, string path)
    {
        using var client = gateway.CreateClient(TestTokens.Customer("kim", "reservation"));
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };

        using var response = await client.SendAsync(request);

        // The stand-in answers 200 to everything; no route for /api/anything-else, and the web app's catch-all never gets it.
        Assert.Equal(path == "/api/anything-else" ? HttpStatusCode.NotFound : HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(path != "/api/anything-else", gateway.Reached.Contains($"{method} {path.Split('?')[0]}"));
    }

    [Theory]
    [MemberData(nameof(PublicRoutes))]
    public async Task A_public_route_needs_no_token(string method, string path)
    {
        using var client = gateway.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Payment_is_charged_only_by_reservation_inside_the_network_so_the_gateway_has_no_route_for_it()
    {
        using var client = gateway.CreateClient(TestTokens.Service("reservation", "payment", "payment.pay"));
        var before = gateway.Reached.Count;

        using var response = await client.PostAsJsonAsync("/api/v1/payments", new { amount = 1 });

        // 405, not the web app's catch-all: /api paths never reach the web app.
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(before, gateway.Reached.Count);
    }

    [Fact]
    public async Task The_api_reference_page_is_public()
    {
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/scalar/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
