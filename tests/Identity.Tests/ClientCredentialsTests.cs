using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Accommodation.Identity.Tests;

[Collection(nameof(IdentityApiCollection))]
public sealed class ClientCredentialsTests(IdentityApiFactory factory)
{
    private readonly OAuthClient _client = new(factory.CreateClient());

    [Fact]
    public async Task Reservation_client_gets_a_signed_jwt_for_payment_that_validates_against_the_jwks()
    {
        var response = await _client.ClientCredentialsAsync("reservation", IdentityApiFactory.ReservationSecret, "payment.pay");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var validation = await _client.ValidateAsync(response.AccessToken, audience: "payment");
        Assert.True(validation.IsValid, validation.Exception?.Message);
        var token = (JsonWebToken)validation.SecurityToken;
        // Signed, not encrypted: three parts and a key id every service finds in the JWKS.
        Assert.Equal(3, response.AccessToken.Split('.').Length);
        Assert.Equal("RS256", token.Alg);
        Assert.Equal("at+jwt", token.Typ);
        Assert.False(string.IsNullOrEmpty(token.Kid));
        Assert.Equal("https://localhost/", token.Issuer);
        Assert.Equal(["payment"], token.Audiences);
        Assert.Equal("payment.pay", token.GetClaim("scope").Value);
        Assert.Equal("reservation", token.Subject);
        Assert.Equal(TimeSpan.FromMinutes(15), token.ValidTo - token.IssuedAt);
        Assert.InRange(token.ValidTo, DateTime.UtcNow.AddMinutes(14), DateTime.UtcNow.AddMinutes(16));
    }

    [Fact]
    public async Task A_token_for_payment_is_refused_by_a_service_that_expects_another_audience()
    {
        var response = await _client.ClientCredentialsAsync("reservation", IdentityApiFactory.ReservationSecret, "payment.pay");

        var validation = await _client.ValidateAsync(response.AccessToken, audience: "reservation");

        Assert.False(validation.IsValid);
    }

    [Fact]
    public async Task Load_tests_client_acts_as_the_api_with_both_roles()
    {
        var response = await _client.ClientCredentialsAsync("loadtests", IdentityApiFactory.LoadTestsSecret, "reservations rooms");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var token = new JsonWebToken(response.AccessToken);
        Assert.Equal(["reservation", "room", "roomview"], token.Audiences.Order(StringComparer.Ordinal));
        Assert.Equal(["customer", "manager"], token.Claims.Where(claim => claim.Type == "role").Select(claim => claim.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Load_tests_client_plays_a_synthetic_customer_with_the_customer_role_only()
    {
        var response = await _client.TokenAsync(("grant_type", "client_credentials"), ("client_id", "loadtests"),
            ("client_secret", IdentityApiFactory.LoadTestsSecret), ("scope", "reservations"), ("customer_id", "load-u17"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var token = new JsonWebToken(response.AccessToken);
        Assert.Equal("load-u17", token.Subject);
        Assert.Equal("loadtests", token.GetClaim("client_id").Value);
        Assert.Equal(["customer"], token.Claims.Where(claim => claim.Type == "role").Select(claim => claim.Value));
    }

    [Theory]
    [InlineData("loadtests", "kim")]
    [InlineData("loadtests", "park")]
    [InlineData("loadtests", "load-")]
    [InlineData("loadtests", "load-a b")]
    [InlineData("reservation", "load-u1")]
    public async Task No_client_plays_a_real_user_and_only_the_load_test_client_plays_anyone(string clientId, string customerId)
    {
        var secret = clientId == "loadtests" ? IdentityApiFactory.LoadTestsSecret : IdentityApiFactory.ReservationSecret;
        var scope = clientId == "loadtests" ? "reservations" : "payment.pay";

        var response = await _client.TokenAsync(("grant_type", "client_credentials"), ("client_id", clientId),
            ("client_secret", secret), ("scope", scope), ("customer_id", customerId));

        Assert.Equal("invalid_request", response.Error);
        Assert.False(response.Body.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task No_user_can_be_called_like_a_synthetic_customer()
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();

        var created = await users.CreateAsync(new IdentityUser("Load-kim"), "Long-enough-pass-1");

        Assert.False(created.Succeeded);
        Assert.Contains(created.Errors, error => error.Code == "ReservedUserName");
    }

    [Fact]
    public async Task Wrong_client_secret_is_invalid_client()
    {
        var response = await _client.ClientCredentialsAsync("reservation", "not-the-secret", "payment.pay");

        Assert.Equal("invalid_client", response.Error);
        Assert.False(response.Body.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task A_scope_the_client_is_not_allowed_is_refused()
    {
        var response = await _client.ClientCredentialsAsync("reservation", IdentityApiFactory.ReservationSecret, "reservations");

        // OpenIddict names a scope outside the client's permissions invalid_request (its error ID2051).
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_request", response.Error);
        Assert.False(response.Body.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task The_public_web_client_cannot_use_client_credentials()
    {
        var response = await _client.TokenAsync(("grant_type", "client_credentials"), ("client_id", "web"), ("scope", "reservations"));

        Assert.NotNull(response.Error);
        Assert.False(response.Body.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task Discovery_advertises_only_the_code_flow_with_s256()
    {
        var discovery = await _client.DiscoveryAsync();

        Assert.Equal(["S256"], discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(method => method.GetString()));
        Assert.Equal(["code"], discovery.GetProperty("response_types_supported").EnumerateArray().Select(type => type.GetString()));
        var grants = discovery.GetProperty("grant_types_supported").EnumerateArray().Select(grant => grant.GetString()).ToList();
        Assert.DoesNotContain("password", grants);
        Assert.DoesNotContain("implicit", grants);
        Assert.Contains("client_credentials", grants);
        Assert.EndsWith("/.well-known/jwks", discovery.GetProperty("jwks_uri").GetString(), StringComparison.Ordinal);
    }
}
