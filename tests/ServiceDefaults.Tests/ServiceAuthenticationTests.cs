using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Accommodation.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace ServiceDefaults.Tests;

/// <summary>
/// A service with AddServiceAuthentication against a stand-in identity on loopback that publishes the public issuer
/// and a key-set URL nobody can reach (as identity behind the gateway does): keys come from identity itself.
/// </summary>
public sealed class ServiceAuthenticationTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _identityRequests = new();
    private LoopbackServer _identity = null!;
    private LoopbackServer _service = null!;

    public async Task InitializeAsync()
    {
        _identity = await LoopbackServer.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                _identityRequests.Enqueue($"{context.Request.Host}{context.Request.Path}");
                await next(context);
            });
            app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, string>
            {
                ["issuer"] = TestTokens.Issuer,
                // The public address: this test's machine has no such host.
                ["jwks_uri"] = $"{TestTokens.Issuer}.well-known/jwks",
            }));
            app.MapGet("/.well-known/jwks", () => Results.Json(new { keys = new[] { PublicKey() } }));
        });
        _service = await LoopbackServer.StartAsync(
            app =>
            {
                app.MapDefaultEndpoints();
                app.MapOpenApi().AllowAnonymous();
                app.MapGet("/open", () => "open").AllowAnonymous();
                app.MapGet("/who", (ClaimsPrincipal user) => user.CustomerId());
                app.MapGet("/manage", () => "managed").RequireAuthorization(AccessPolicies.Manager);
                app.MapGet("/charge", () => "charged").RequireAuthorization(AccessPolicies.PaymentPay);
            },
            builder =>
            {
                builder.Configuration["Identity:MetadataAddress"] = new Uri(_identity.BaseAddress, "/.well-known/openid-configuration").ToString();
                builder.Configuration["Identity:RequireHttpsMetadata"] = "false";
                builder.AddServiceDefaults();
                builder.AddServiceAuthentication("room");
                builder.Services.AddServiceOpenApi();
            });
    }

    [Fact]
    public async Task A_valid_token_is_accepted_with_keys_fetched_from_identity_itself_not_from_the_published_address()
    {
        using var client = _service.CreateClient().UseBearer(TestTokens.Customer("kim", "room"));

        Assert.Equal("kim", await client.GetStringAsync("/who"));
        Assert.Contains(_identityRequests, request => request.EndsWith("/.well-known/jwks", StringComparison.Ordinal));
        Assert.All(_identityRequests, request => Assert.StartsWith(_identity.BaseAddress.Authority, request, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_forged_expired_or_misdirected_token_is_a_401_problem_with_a_bearer_challenge()
    {
        using var client = _service.CreateClient();
        foreach (var (name, token) in TestTokens.Refused("room"))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/who");
            if (token is not null)
            {
                request.WithBearer(token);
            }

            using var response = await client.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.First().Scheme);
        }
    }

    [Fact]
    public async Task A_wrong_role_or_missing_scope_is_a_403_problem()
    {
        using var customer = _service.CreateClient().UseBearer(TestTokens.Customer("kim", "room"));
        using var manager = _service.CreateClient().UseBearer(TestTokens.Manager("room"));
        using var service = _service.CreateClient().UseBearer(TestTokens.Service("reservation", "room", "payment.pay"));

        using var customerManaging = await customer.GetAsync("/manage");
        using var managerCharging = await manager.GetAsync("/charge");

        Assert.Equal(HttpStatusCode.Forbidden, customerManaging.StatusCode);
        Assert.Equal("application/problem+json", customerManaging.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, managerCharging.StatusCode);
        Assert.Equal("managed", await manager.GetStringAsync("/manage"));
        Assert.Equal("charged", await service.GetStringAsync("/charge"));
    }

    [Fact]
    public async Task Probes_and_anonymous_endpoints_need_no_token()
    {
        using var client = _service.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive")).StatusCode);
        Assert.Equal("open", await client.GetStringAsync("/open"));
    }

    [Fact]
    public async Task The_openapi_document_names_the_bearer_scheme_on_protected_operations_only()
    {
        using var client = _service.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty(OpenApiExtensions.BearerScheme);
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/who").GetProperty("get").TryGetProperty("security", out _));
        Assert.True(paths.GetProperty("/who").GetProperty("get").GetProperty("responses").TryGetProperty("401", out _));
        Assert.False(paths.GetProperty("/open").GetProperty("get").TryGetProperty("security", out _));
    }

    [Fact]
    public void The_identity_service_is_found_by_service_discovery_when_no_address_is_configured()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["services:identity:http:0"] = "http://127.0.0.1:5999" })
            .Build();

        Assert.Equal(new Uri("http://127.0.0.1:5999/.well-known/openid-configuration"), ServiceAuthentication.IdentityMetadataAddress(configuration));
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _identity.DisposeAsync();
    }

    private static Dictionary<string, string> PublicKey()
    {
        var parameters = TestTokens.SigningKey.Rsa.ExportParameters(includePrivateParameters: false);
        return new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = TestTokens.SigningKey.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }
}
