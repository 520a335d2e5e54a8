using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Accommodation.Identity.Tests;

public sealed record TokenResponse(HttpStatusCode Status, JsonElement Body)
{
    public string? Error => Body.TryGetProperty("error", out var error) ? error.GetString() : null;

    public string AccessToken => Body.GetProperty("access_token").GetString()!;

    public string? RefreshToken => Body.TryGetProperty("refresh_token", out var token) ? token.GetString() : null;

    public string? IdentityToken => Body.TryGetProperty("id_token", out var token) ? token.GetString() : null;
}

/// <summary>What a relying party does, over plain HTTP against the test server: discovery, JWKS, token requests, a browser login.</summary>
public sealed partial class OAuthClient(HttpClient http)
{
    public const string DefaultWebScopes = "openid profile roles offline_access reservations";

    public HttpClient Http => http;

    public async Task<JsonElement> DiscoveryAsync()
    {
        using var response = await http.GetAsync("/.well-known/openid-configuration");
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async Task<JsonWebKeySet> KeySetAsync()
    {
        var discovery = await DiscoveryAsync();
        using var response = await http.GetAsync(discovery.GetProperty("jwks_uri").GetString());
        response.EnsureSuccessStatusCode();
        return new JsonWebKeySet(await response.Content.ReadAsStringAsync());
    }

    public async Task<TokenValidationResult> ValidateAsync(string token, string audience)
    {
        var discovery = await DiscoveryAsync();
        var keys = await KeySetAsync();
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = discovery.GetProperty("issuer").GetString(),
            ValidAudience = audience,
            IssuerSigningKeys = keys.GetSigningKeys(),
            RequireSignedTokens = true,
            ValidateLifetime = true,
        });
    }

    public async Task<TokenResponse> TokenAsync(params (string Name, string Value)[] parameters)
    {
        using var content = new FormUrlEncodedContent(parameters.Select(parameter => KeyValuePair.Create(parameter.Name, parameter.Value)));
        using var response = await http.PostAsync("/connect/token", content);
        var text = await response.Content.ReadAsStringAsync();
        return new TokenResponse(response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    public Task<TokenResponse> ClientCredentialsAsync(string clientId, string secret, string scope) => TokenAsync(
        ("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret), ("scope", scope));

    public static string AuthorizeUri(params (string Name, string? Value)[] parameters) => QueryHelpers.AddQueryString(
        "/connect/authorize", parameters.Where(parameter => parameter.Value is not null).Select(parameter => KeyValuePair.Create(parameter.Name, parameter.Value)));

    /// <summary>A correct request of the web client for a code, with its S256 challenge.</summary>
    public static string WebAuthorizeUri(string challenge, string state = "state-1", string scope = DefaultWebScopes) => AuthorizeUri(
        ("client_id", "web"), ("response_type", "code"), ("redirect_uri", IdentityApiFactory.WebRedirectUri),
        ("scope", scope), ("state", state), ("nonce", "nonce-1"),
        ("code_challenge", challenge), ("code_challenge_method", "S256"));

    /// <summary>Authorize → login form → posted credentials → back to authorize: the last answer (a redirect to the client, on success).</summary>
    public async Task<HttpResponseMessage> SignInThroughAsync(string authorizeUri, string userName, string password)
    {
        using var authorize = await http.GetAsync(authorizeUri);
        Assert.True(IsLoginRedirect(authorize), $"Expected the login form, got {(int)authorize.StatusCode} {authorize.Headers.Location}");

        using var login = await PostLoginAsync(authorize.Headers.Location!, userName, password);
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        return await http.GetAsync(login.Headers.Location);
    }

    public async Task<HttpResponseMessage> PostLoginAsync(Uri loginUri, string userName, string password)
    {
        using var form = await http.GetAsync(loginUri);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync();
        using var content = new FormUrlEncodedContent(
        [
            KeyValuePair.Create("__RequestVerificationToken", HiddenField(html, "__RequestVerificationToken")),
            KeyValuePair.Create("returnUrl", HiddenField(html, "returnUrl")),
            KeyValuePair.Create("userName", userName),
            KeyValuePair.Create("password", password),
        ]);
        return await http.PostAsync("/account/login", content);
    }

    /// <summary>The whole browser flow and the code exchange: the token response for <paramref name="userName"/>.</summary>
    public async Task<TokenResponse> CodeFlowAsync(string userName, string password, string scope = DefaultWebScopes)
    {
        var verifier = Pkce.NewVerifier();
        using var redirect = await SignInThroughAsync(WebAuthorizeUri(Pkce.S256(verifier), scope: scope), userName, password);
        var code = CodeFrom(redirect);
        return await RedeemAsync(code, verifier);
    }

    public Task<TokenResponse> RedeemAsync(string code, string verifier, string redirectUri = IdentityApiFactory.WebRedirectUri) => TokenAsync(
        ("grant_type", "authorization_code"), ("client_id", "web"), ("code", code),
        ("redirect_uri", redirectUri), ("code_verifier", verifier));

    public static string CodeFrom(HttpResponseMessage redirect)
    {
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        Assert.StartsWith(IdentityApiFactory.WebRedirectUri + "?", location.AbsoluteUri, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.False(query.ContainsKey("error"), $"The server answered {location}");
        return query["code"].ToString();
    }

    /// <summary>
    /// Why an authorization request was refused: OpenIddict answers 400 itself when it cannot trust the redirect URI or the
    /// request's shape, and otherwise sends the error to the client's redirect URI. Never with a code or a token.
    /// </summary>
    public static async Task<string?> AuthorizeErrorAsync(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            Assert.Null(response.Headers.Location);
            var body = await response.Content.ReadAsStringAsync();
            return ErrorLine().Match(body) is { Success: true } line ? line.Groups["error"].Value : null;
        }

        if (response.StatusCode != HttpStatusCode.Found || response.Headers.Location is not { IsAbsoluteUri: true } location
            || !location.AbsoluteUri.StartsWith(IdentityApiFactory.WebRedirectUri, StringComparison.Ordinal))
        {
            return null;
        }

        var parameters = QueryHelpers.ParseQuery(location.Query.Length > 0 ? location.Query : "?" + location.Fragment.TrimStart('#'));
        Assert.False(parameters.ContainsKey("code"), "No code may come with an error.");
        Assert.False(parameters.ContainsKey("access_token"), "No token may come with an error.");
        return parameters.TryGetValue("error", out var error) ? error.ToString() : null;
    }

    public static bool IsLoginRedirect(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Found
        && response.Headers.Location is { } location
        && (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString).StartsWith("/account/login", StringComparison.Ordinal);

    private static string HiddenField(string html, string name)
    {
        var match = HiddenInput().Matches(html).FirstOrDefault(input => input.Groups["name"].Value == name)
            ?? throw new InvalidOperationException($"The login page has no hidden field {name}.");
        return WebUtility.HtmlDecode(match.Groups["value"].Value);
    }

    [GeneratedRegex("^error:(?<error>.+)$", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]*)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenInput();
}

public static class Pkce
{
    public static string NewVerifier() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static string S256(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
