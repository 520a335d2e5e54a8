using System.Net;
using System.Text.Json.Serialization;
using Accommodation.WebApp.Apis;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace Accommodation.WebApp.Security;

/// <summary>The user's session ended (signed out elsewhere, or the refresh token was refused): they must sign in again.</summary>
public sealed class SessionEndedException() : Exception("The sign-in has ended.");

/// <summary>
/// The signed-in user's access token for calls to the APIs, renewed with the refresh token shortly before it expires.
/// One per circuit (scoped): Blazor components have no HttpContext, so the token comes from the server-side session.
/// </summary>
public sealed class UserAccessToken(
    AuthenticationStateProvider authentication,
    UserSessions sessions,
    IHttpClientFactory httpClients,
    IOptionsMonitor<OpenIdConnectOptions> openIdConnect,
    TimeProvider clock,
    ILogger<UserAccessToken> logger)
{
    /// <summary>Renewed this long before expiry, so a token never runs out on the way to a service.</summary>
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var sessionId = user.SessionId() ?? throw new SessionEndedException();
        var tokens = sessions.Find(sessionId) ?? throw new SessionEndedException();
        if (IsFresh(tokens))
        {
            return tokens.AccessToken;
        }

        var renewing = sessions.RenewalLock(sessionId) ?? throw new SessionEndedException();
        await renewing.WaitAsync(cancellationToken);
        try
        {
            // Another call may have renewed it while this one waited.
            tokens = sessions.Find(sessionId) ?? throw new SessionEndedException();
            if (IsFresh(tokens))
            {
                return tokens.AccessToken;
            }

            var renewed = await RenewAsync(tokens, cancellationToken);
            if (renewed is null)
            {
                sessions.End(sessionId);
                throw new SessionEndedException();
            }

            sessions.Update(sessionId, renewed);
            return renewed.AccessToken;
        }
        finally
        {
            renewing.Release();
        }
    }

    private bool IsFresh(SessionTokens tokens) => tokens.AccessTokenExpiresAt - clock.GetUtcNow() > RenewBefore;

    private async Task<SessionTokens?> RenewAsync(SessionTokens tokens, CancellationToken cancellationToken)
    {
        if (tokens.RefreshToken is null)
        {
            return null;
        }

        var options = openIdConnect.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        using var renewal = new HttpRequestMessage(HttpMethod.Post, configuration.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = tokens.RefreshToken,
                ["client_id"] = options.ClientId!,
            }),
        };
        HttpResponseMessage response;
        try
        {
            // Identity down or failing (a 503 problem) fails this call only; a refused refresh token ends the session.
            response = await httpClients.CreateClient(nameof(UserAccessToken)).SendAsync(token: null, renewal, cancellationToken);
        }
        catch (ApiProblemException refused) when (refused.Status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
        {
            logger.LogInformation("Identity refused to renew a session's access token ({Status}); the user signs in again.", (int)refused.Status);
            return null;
        }

        using (response)
        {
            var renewed = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
                ?? throw new InvalidOperationException("Identity sent an empty token response.");
            return new SessionTokens(
                renewed.AccessToken,
                clock.GetUtcNow().AddSeconds(renewed.ExpiresIn),
                renewed.RefreshToken ?? tokens.RefreshToken,
                renewed.IdentityToken ?? tokens.IdentityToken);
        }
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("id_token")] string? IdentityToken);
}
