using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Accommodation.Identity.Tests;

[Collection(nameof(IdentityApiCollection))]
public sealed class AuthorizationCodeFlowTests(IdentityApiFactory factory)
{
    private readonly OAuthClient _client = new(factory.CreateClient());

    [Fact]
    public async Task Customer_signs_in_through_the_browser_flow_and_gets_a_token_with_her_user_name_and_role()
    {
        var response = await _client.CodeFlowAsync("kim", IdentityApiFactory.KimPassword);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var validation = await _client.ValidateAsync(response.AccessToken, audience: "reservation");
        Assert.True(validation.IsValid, validation.Exception?.Message);
        var token = (JsonWebToken)validation.SecurityToken;
        Assert.Equal("kim", token.Subject);
        Assert.Equal(["customer"], token.Claims.Where(claim => claim.Type == "role").Select(claim => claim.Value));
        Assert.Contains("reservations", token.GetClaim("scope").Value.Split(' '));
        Assert.Equal("web", token.GetClaim("client_id").Value);

        var identityToken = new JsonWebToken(response.IdentityToken);
        Assert.Equal("kim", identityToken.Subject);
        Assert.Equal("customer", identityToken.GetClaim("role").Value);
        Assert.Equal("nonce-1", identityToken.GetClaim("nonce").Value);
    }

    [Fact]
    public async Task Manager_gets_the_manager_role()
    {
        var response = await _client.CodeFlowAsync("park", IdentityApiFactory.ParkPassword);

        var token = new JsonWebToken(response.AccessToken);
        Assert.Equal("park", token.Subject);
        Assert.Equal(["manager"], token.Claims.Where(claim => claim.Type == "role").Select(claim => claim.Value));
    }

    [Fact]
    public async Task The_redirect_carries_the_state_back()
    {
        var verifier = Pkce.NewVerifier();

        using var redirect = await _client.SignInThroughAsync(OAuthClient.WebAuthorizeUri(Pkce.S256(verifier), state: "state-42"), "kim", IdentityApiFactory.KimPassword);

        Assert.Equal("state-42", QueryHelpers.ParseQuery(redirect.Headers.Location!.Query)["state"].ToString());
    }

    [Fact]
    public async Task A_wrong_password_shows_the_form_again_and_signs_nobody_in()
    {
        var verifier = Pkce.NewVerifier();
        using var authorize = await _client.Http.GetAsync(OAuthClient.WebAuthorizeUri(Pkce.S256(verifier)));

        using var login = await _client.PostLoginAsync(authorize.Headers.Location!, "kim", "not-her-password");

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Contains("The user name or password is wrong.", await login.Content.ReadAsStringAsync());
        using var again = await _client.Http.GetAsync(OAuthClient.WebAuthorizeUri(Pkce.S256(verifier)));
        Assert.True(OAuthClient.IsLoginRedirect(again));
    }

    [Fact]
    public async Task A_login_post_without_the_antiforgery_token_is_refused()
    {
        using var content = new FormUrlEncodedContent([KeyValuePair.Create("userName", "kim"), KeyValuePair.Create("password", IdentityApiFactory.KimPassword)]);

        using var response = await _client.Http.PostAsync("/account/login", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, header => header.Key == "Set-Cookie" && header.Value.Any(value => value.StartsWith("accommodation.identity=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_return_url_outside_the_authorization_endpoint_is_not_followed()
    {
        using var login = await _client.PostLoginAsync(new Uri("/account/login?returnUrl=https%3A%2F%2Fevil.test%2F", UriKind.Relative), "lee", "Lee-demo-pass-1");

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Null(login.Headers.Location);
    }

    [Fact]
    public async Task Code_request_without_a_code_challenge_is_rejected()
    {
        using var response = await _client.Http.GetAsync(OAuthClient.AuthorizeUri(
            ("client_id", "web"), ("response_type", "code"), ("redirect_uri", IdentityApiFactory.WebRedirectUri), ("scope", "openid reservations"), ("state", "s")));

        Assert.Equal("invalid_request", await OAuthClient.AuthorizeErrorAsync(response));
    }

    [Fact]
    public async Task Plain_code_challenge_is_rejected()
    {
        var verifier = Pkce.NewVerifier();

        using var response = await _client.Http.GetAsync(OAuthClient.AuthorizeUri(
            ("client_id", "web"), ("response_type", "code"), ("redirect_uri", IdentityApiFactory.WebRedirectUri), ("scope", "openid reservations"),
            ("state", "s"), ("code_challenge", verifier), ("code_challenge_method", "plain")));

        Assert.Equal("invalid_request", await OAuthClient.AuthorizeErrorAsync(response));
    }

    [Fact]
    public async Task Unregistered_redirect_uri_is_rejected_without_redirecting_there()
    {
        using var response = await _client.Http.GetAsync(OAuthClient.AuthorizeUri(
            ("client_id", "web"), ("response_type", "code"), ("redirect_uri", "https://evil.test/callback"), ("scope", "openid reservations"),
            ("state", "s"), ("code_challenge", Pkce.S256(Pkce.NewVerifier())), ("code_challenge_method", "S256")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", await OAuthClient.AuthorizeErrorAsync(response));
    }

    [Fact]
    public async Task Code_redeemed_with_another_redirect_uri_is_invalid_grant()
    {
        var verifier = Pkce.NewVerifier();
        using var redirect = await _client.SignInThroughAsync(OAuthClient.WebAuthorizeUri(Pkce.S256(verifier)), "kim", IdentityApiFactory.KimPassword);

        var response = await _client.RedeemAsync(OAuthClient.CodeFrom(redirect), verifier, redirectUri: "https://web.test/other");

        Assert.Equal("invalid_grant", response.Error);
    }

    [Fact]
    public async Task Code_redeemed_with_the_wrong_verifier_is_invalid_grant()
    {
        var verifier = Pkce.NewVerifier();
        using var redirect = await _client.SignInThroughAsync(OAuthClient.WebAuthorizeUri(Pkce.S256(verifier)), "kim", IdentityApiFactory.KimPassword);

        var response = await _client.RedeemAsync(OAuthClient.CodeFrom(redirect), Pkce.NewVerifier());

        Assert.Equal("invalid_grant", response.Error);
    }

    [Fact]
    public async Task Replayed_code_is_invalid_grant()
    {
        var verifier = Pkce.NewVerifier();
        using var redirect = await _client.SignInThroughAsync(OAuthClient.WebAuthorizeUri(Pkce.S256(verifier)), "kim", IdentityApiFactory.KimPassword);
        var code = OAuthClient.CodeFrom(redirect);
        var first = await _client.RedeemAsync(code, verifier);
        Assert.Equal(HttpStatusCode.OK, first.Status);

        var replay = await _client.RedeemAsync(code, verifier);

        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Equal("invalid_grant", replay.Error);
    }

    [Fact]
    public async Task Refresh_token_gives_a_new_access_token_for_the_same_user()
    {
        var first = await _client.CodeFlowAsync("kim", IdentityApiFactory.KimPassword);
        Assert.NotNull(first.RefreshToken);

        var refreshed = await _client.TokenAsync(("grant_type", "refresh_token"), ("client_id", "web"), ("refresh_token", first.RefreshToken!));

        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        Assert.NotEqual(first.AccessToken, refreshed.AccessToken);
        var validation = await _client.ValidateAsync(refreshed.AccessToken, audience: "reservation");
        Assert.True(validation.IsValid, validation.Exception?.Message);
        var token = (JsonWebToken)validation.SecurityToken;
        Assert.Equal("kim", token.Subject);
        Assert.Equal("customer", token.GetClaim("role").Value);
    }

    [Fact]
    public async Task A_tampered_refresh_token_is_invalid_grant()
    {
        var first = await _client.CodeFlowAsync("kim", IdentityApiFactory.KimPassword);

        var refreshed = await _client.TokenAsync(("grant_type", "refresh_token"), ("client_id", "web"), ("refresh_token", first.RefreshToken![..^4] + "AAAA"));

        Assert.Equal("invalid_grant", refreshed.Error);
    }

    [Fact]
    public async Task Userinfo_names_the_signed_in_user()
    {
        var tokens = await _client.CodeFlowAsync("kim", IdentityApiFactory.KimPassword);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new("Bearer", tokens.AccessToken);

        using var response = await _client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("kim", body.GetProperty("sub").GetString());
        Assert.Equal("customer", body.GetProperty("role").EnumerateArray().Single().GetString());
    }

    [Fact]
    public async Task Logout_ends_the_session_so_the_next_authorization_asks_for_a_login()
    {
        var verifier = Pkce.NewVerifier();
        using var signedIn = await _client.SignInThroughAsync(OAuthClient.WebAuthorizeUri(Pkce.S256(verifier)), "kim", IdentityApiFactory.KimPassword);
        OAuthClient.CodeFrom(signedIn);

        using var logout = await _client.Http.GetAsync(OAuthClient.AuthorizeUri(("post_logout_redirect_uri", IdentityApiFactory.WebPostLogoutRedirectUri), ("client_id", "web")).Replace("/connect/authorize", "/connect/logout", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Found, logout.StatusCode);
        Assert.Equal(IdentityApiFactory.WebPostLogoutRedirectUri, logout.Headers.Location!.GetLeftPart(UriPartial.Path));
        using var again = await _client.Http.GetAsync(OAuthClient.WebAuthorizeUri(Pkce.S256(verifier)));
        Assert.True(OAuthClient.IsLoginRedirect(again));
    }
}
