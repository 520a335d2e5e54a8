using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Accommodation.Reservations.Infrastructure.Payments;

/// <summary>
/// Reservation's access token for payment: client credentials with the scope <c>payment.pay</c>, from identity's token
/// endpoint, kept until a minute before it expires. Callers at the same time share one request for it; a failed request
/// is not kept, so the next caller asks again.
/// </summary>
internal sealed partial class PaymentAccessTokens(
    IHttpClientFactory httpClients, IOptions<IdentityClientOptions> options, TimeProvider time, ILogger<PaymentAccessTokens> logger)
{
    public const string HttpClientName = "identity-token";

    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private Task<AccessToken>? _token;

    /// <exception cref="AccessTokenUnavailableException">Identity could not be reached, or refused.</exception>
    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        Task<AccessToken> token;
        lock (_gate)
        {
            if (_token is null || _token.IsFaulted || _token.IsCanceled || (_token.IsCompletedSuccessfully && _token.Result.RenewAt <= time.GetUtcNow()))
            {
                _token = FetchAsync();
            }

            token = _token;
        }

        return (await token.WaitAsync(cancellationToken)).Value;
    }

    /// <summary>Drops <paramref name="rejected"/>, which payment refused; a newer token that replaced it already stays.</summary>
    public void Forget(string rejected)
    {
        lock (_gate)
        {
            if (_token is { IsCompletedSuccessfully: true } kept && kept.Result.Value == rejected)
            {
                _token = null;
            }
        }
    }

    private async Task<AccessToken> FetchAsync()
    {
        var settings = options.Value;
        var endpoint = settings.TokenEndpoint
            ?? throw Unavailable("no token endpoint (set Identity:TokenEndpoint, or reference the identity service)");
        if (string.IsNullOrEmpty(settings.ClientSecret))
        {
            throw Unavailable($"{IdentityClientOptions.SectionName}:{nameof(IdentityClientOptions.ClientSecret)} is not set");
        }

        using var form = new FormUrlEncodedContent([
            KeyValuePair.Create("grant_type", "client_credentials"),
            KeyValuePair.Create("client_id", settings.ClientId),
            KeyValuePair.Create("client_secret", settings.ClientSecret),
            KeyValuePair.Create("scope", AccessPolicies.PaymentPay),
        ]);
        using var timeout = new CancellationTokenSource(settings.TokenTimeout, time);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).PostAsync(endpoint, form, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                var error = await response.Content.ReadAsStringAsync(timeout.Token);
                throw Unavailable($"identity answered {(int)response.StatusCode} {error}");
            }

            var issued = await response.Content.ReadFromJsonAsync<TokenResponse>(timeout.Token);
            if (issued is not { AccessToken: { Length: > 0 } value, ExpiresIn: > 0 })
            {
                throw Unavailable("identity answered without an access token");
            }

            var lifetime = TimeSpan.FromSeconds(issued.ExpiresIn);
            // A minute before it expires, so that no payment is sent with a token about to run out; half-time for short ones.
            var renewAt = time.GetUtcNow() + (lifetime > 2 * RenewBefore ? lifetime - RenewBefore : lifetime / 2);
            LogFetched(settings.ClientId, AccessPolicies.PaymentPay, lifetime);
            return new AccessToken(value, renewAt);
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or OperationCanceledException)
        {
            throw Unavailable($"identity could not be reached at {endpoint}", exception);
        }
    }

    private AccessTokenUnavailableException Unavailable(string reason, Exception? exception = null)
    {
        LogUnavailable(exception, reason);
        return new AccessTokenUnavailableException(reason, exception);
    }

    private sealed record AccessToken(string Value, DateTimeOffset RenewAt);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    [LoggerMessage(LogLevel.Information, "Got an access token for {ClientId} with scope {Scope}, valid for {Lifetime}")]
    private partial void LogFetched(string clientId, string scope, TimeSpan lifetime);

    [LoggerMessage(LogLevel.Warning, "No access token for payment: {Reason}")]
    private partial void LogUnavailable(Exception? exception, string reason);
}
