using Accommodation.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Protocols;

namespace ServiceDefaults.Tests;

/// <summary>
/// Identity behind the gateway, read from inside: a server's calls go to identity's own address, and a browser is sent
/// to the public one, whichever address identity wrote its discovery document with.
/// </summary>
public sealed class IdentityMetadataRetrieverTests : IAsyncLifetime
{
    private const string PublicIssuer = "https://hotel.example/";
    private LoopbackServer _identity = null!;

    public async Task InitializeAsync() => _identity = await LoopbackServer.StartAsync(app =>
    {
        // As identity answers a request that reached it directly: endpoints on the address it was asked on.
        app.MapGet("/.well-known/openid-configuration", (HttpContext context) =>
        {
            var own = $"{context.Request.Scheme}://{context.Request.Host}";
            return Results.Json(new Dictionary<string, string>
            {
                ["issuer"] = PublicIssuer,
                ["authorization_endpoint"] = $"{own}/connect/authorize",
                ["end_session_endpoint"] = $"{own}/connect/logout",
                ["token_endpoint"] = $"{PublicIssuer}connect/token",
                ["userinfo_endpoint"] = $"{PublicIssuer}connect/userinfo",
                ["jwks_uri"] = $"{PublicIssuer}.well-known/jwks",
            });
        });
        app.MapGet("/.well-known/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
    });

    [Fact]
    public async Task Server_endpoints_are_reached_inside_and_browser_endpoints_on_the_public_address()
    {
        var metadataAddress = new Uri(_identity.BaseAddress, "/.well-known/openid-configuration");
        var retriever = new IdentityMetadataRetriever(metadataAddress);
        using var http = new HttpClient();

        var configuration = await retriever.GetConfigurationAsync(
            metadataAddress.ToString(), new HttpDocumentRetriever(http) { RequireHttps = false }, CancellationToken.None);

        var inside = _identity.BaseAddress.ToString().TrimEnd('/');
        Assert.Equal($"{inside}/connect/token", configuration.TokenEndpoint);
        Assert.Equal($"{inside}/connect/userinfo", configuration.UserInfoEndpoint);
        Assert.Equal($"{inside}/.well-known/jwks", retriever.InsideAddress(configuration).ToString());
        Assert.Equal($"{PublicIssuer}connect/authorize", configuration.AuthorizationEndpoint);
        Assert.Equal($"{PublicIssuer}connect/logout", configuration.EndSessionEndpoint);
    }

    public async Task DisposeAsync() => await _identity.DisposeAsync();
}
