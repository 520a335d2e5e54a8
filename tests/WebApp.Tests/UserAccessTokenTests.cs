using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using Accommodation.Testing;
using Accommodation.WebApp.Apis;
using Accommodation.WebApp.Security;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Accommodation.WebApp.Tests;

/// <summary>
/// The signed-in user's access token: kept while it has time left, renewed with the refresh token at identity's token
/// endpoint (real HTTP to a stand-in on loopback) when it is about to run out, and the sign-in ended when identity refuses.
/// </summary>
public sealed class UserAccessTokenTests : IAsyncLifetime
{
    private const int ExpiresIn = 3600;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    private readonly ConcurrentQueue<Dictionary<string, string>> _forms = new();
    private readonly TaskCompletionSource _identityCalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly UserSessions _sessions;
    private LoopbackServer _identity = null!;
    private Func<IResult> _answer = () => Results.Json(new
    {
        access_token = "access-new",
        expires_in = ExpiresIn,
        refresh_token = "refresh-new",
        id_token = "identity-new",
    });

    /// <summary>What identity waits for before it answers: nothing, unless a test holds it back.</summary>
    private Task _identityAnswers = Task.CompletedTask;

    public UserAccessTokenTests() => _sessions = new UserSessions(_clock);

    public async Task InitializeAsync() => _identity = await LoopbackServer.StartAsync(app =>
        app.MapPost("/connect/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            _forms.Enqueue(form.ToDictionary(field => field.Key, field => field.Value.ToString(), StringComparer.Ordinal));
            _identityCalled.TrySetResult();
            await _identityAnswers;
            return _answer();
        }));

    [Fact]
    public async Task A_token_with_more_than_a_minute_left_is_returned_as_is()
    {
        var sessionId = _sessions.Start(Tokens(expiresIn: TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1)));

        var token = await AccessToken(SignedIn(sessionId)).GetAsync(CancellationToken.None);

        Assert.Equal("access-old", token);
        Assert.Empty(_forms);
    }

    [Fact]
    public async Task A_token_within_a_minute_of_expiry_is_renewed_with_the_refresh_token()
    {
        var sessionId = _sessions.Start(Tokens(expiresIn: TimeSpan.FromSeconds(30)));
        var accessToken = AccessToken(SignedIn(sessionId));

        var token = await accessToken.GetAsync(CancellationToken.None);

        Assert.Equal("access-new", token);
        var form = Assert.Single(_forms);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = "refresh-old",
                ["client_id"] = "web",
            },
            form);
        Assert.Equal(
            new SessionTokens("access-new", _clock.GetUtcNow().AddSeconds(ExpiresIn), "refresh-new", "identity-new"),
            _sessions.Find(sessionId));

        Assert.Equal("access-new", await accessToken.GetAsync(CancellationToken.None));
        Assert.Single(_forms);
    }

    [Fact]
    public async Task A_renewal_without_new_refresh_or_identity_tokens_keeps_the_old_ones()
    {
        _answer = () => Results.Json(new { access_token = "access-new", expires_in = ExpiresIn });
        var sessionId = _sessions.Start(Tokens(expiresIn: TimeSpan.FromSeconds(30)));

        var token = await AccessToken(SignedIn(sessionId)).GetAsync(CancellationToken.None);

        Assert.Equal("access-new", token);
        Assert.Equal(
            new SessionTokens("access-new", _clock.GetUtcNow().AddSeconds(ExpiresIn), "refresh-old", "identity-old"),
            _sessions.Find(sessionId));
    }

    [Fact]
    public async Task A_refused_refresh_ends_the_session()
    {
        _answer = () => Results.Json(new { error = "invalid_grant" }, statusCode: StatusCodes.Status400BadRequest);
        var sessionId = _sessions.Start(Tokens(expiresIn: TimeSpan.FromSeconds(30)));

        await Assert.ThrowsAsync<SessionEndedException>(() => AccessToken(SignedIn(sessionId)).GetAsync(CancellationToken.None));

        Assert.Single(_forms);
        Assert.Null(_sessions.Find(sessionId));
    }

    [Fact]
    public async Task When_identity_is_down_the_call_fails_as_a_503_and_the_session_stays()
    {
        _answer = () => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable);
        var sessionId = _sessions.Start(Tokens(expiresIn: TimeSpan.FromSeconds(30)));

        var failure = await Assert.ThrowsAsync<ApiProblemException>(() => AccessToken(SignedIn(sessionId)).GetAsync(CancellationToken.None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.Status);
        Assert.Equal("refresh-old", _sessions.Find(sessionId)?.RefreshToken);
    }

    [Fact]
    public async Task Without_a_session_claim_the_session_has_ended_and_identity_is_not_called()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(AccessClaims.Subject, "customer-1")], "test"));

        await Assert.ThrowsAsync<SessionEndedException>(() => AccessToken(user).GetAsync(CancellationToken.None));

        Assert.Empty(_forms);
    }

    [Fact]
    public async Task A_session_the_store_no_longer_knows_has_ended_and_identity_is_not_called()
    {
        var sessionId = _sessions.Start(Tokens(expiresIn: TimeSpan.FromSeconds(30)));
        _sessions.End(sessionId);

        await Assert.ThrowsAsync<SessionEndedException>(() => AccessToken(SignedIn(sessionId)).GetAsync(CancellationToken.None));

        Assert.Empty(_forms);
    }

    [Fact]
    public async Task Concurrent_calls_on_an_expiring_token_renew_it_once_even_from_two_tabs()
    {
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _identityAnswers = answer.Task;
        var sessionId = _sessions.Start(Tokens(expiresIn: TimeSpan.FromSeconds(30)));

        // Two tabs of one sign-in: a circuit (and a UserAccessToken) each, one session and one refresh token.
        var first = AccessToken(SignedIn(sessionId)).GetAsync(CancellationToken.None);
        var second = AccessToken(SignedIn(sessionId)).GetAsync(CancellationToken.None);
        // Both calls saw the expiring token before identity answered the first renewal.
        await _identityCalled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        answer.SetResult();
        var tokens = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["access-new", "access-new"], tokens);
        Assert.Single(_forms);
    }

    public async Task DisposeAsync()
    {
        await _identity.DisposeAsync();
        await _services.DisposeAsync();
    }

    private SessionTokens Tokens(TimeSpan expiresIn) =>
        new("access-old", _clock.GetUtcNow() + expiresIn, "refresh-old", "identity-old");

    private static ClaimsPrincipal SignedIn(string sessionId) =>
        new(new ClaimsIdentity([new Claim(AccessClaims.Subject, "customer-1"), new Claim(WebClaims.Session, sessionId)], "test"));

    private UserAccessToken AccessToken(ClaimsPrincipal user) => new(
        new FixedAuthenticationState(user),
        _sessions,
        _services.GetRequiredService<IHttpClientFactory>(),
        new OpenIdConnectOptionsMonitor(new OpenIdConnectOptions
        {
            ClientId = WebAuthentication.ClientId,
            ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(new OpenIdConnectConfiguration
            {
                TokenEndpoint = new Uri(_identity.BaseAddress, "connect/token").ToString(),
            }),
        }),
        _clock,
        NullLogger<UserAccessToken>.Instance);

    private sealed class FixedAuthenticationState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }

    /// <summary>The web app's OpenID Connect options, under the scheme's name only, as the app registers them.</summary>
    private sealed class OpenIdConnectOptionsMonitor(OpenIdConnectOptions options) : IOptionsMonitor<OpenIdConnectOptions>
    {
        public OpenIdConnectOptions CurrentValue => Get(Options.DefaultName);

        public OpenIdConnectOptions Get(string? name) => name == OpenIdConnectDefaults.AuthenticationScheme
            ? options
            : throw new InvalidOperationException($"No OpenID Connect options under the name '{name}'.");

        public IDisposable? OnChange(Action<OpenIdConnectOptions, string?> listener) => null;
    }
}
