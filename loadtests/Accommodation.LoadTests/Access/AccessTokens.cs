using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Accommodation.LoadTests.Access;

/// <summary>
/// Access tokens from identity's token endpoint (client credentials), one per synthetic customer and one for the client
/// itself, each kept until a minute before it expires. A 429 from the gateway's per-address limit is waited out.
/// </summary>
public sealed class AccessTokens(HttpClient gateway, ClientCredentials credentials)
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);
    private const int Attempts = 10;

    private readonly ConcurrentDictionary<string, Task<Token>> _tokens = new(StringComparer.Ordinal);

    /// <summary>The token of <paramref name="customerId"/> (a <c>load-</c> id), or of the client itself when null.</summary>
    public async Task<string> GetAsync(string? customerId, CancellationToken cancellationToken)
    {
        var key = customerId ?? "";
        while (true)
        {
            // One request per customer at a time: concurrent callers share the task that fetches.
            var pending = _tokens.GetOrAdd(key, _ => FetchAsync(customerId));
            var token = await pending.WaitAsync(cancellationToken);
            if (token.ExpiresAt - RenewBefore > DateTimeOffset.UtcNow)
            {
                return token.Value;
            }

            _tokens.TryRemove(KeyValuePair.Create(key, pending));
        }
    }

    private async Task<Token> FetchAsync(string? customerId)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var form = new FormUrlEncodedContent(Parameters(customerId));
            using var response = await gateway.PostAsync("connect/token", form);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < Attempts)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                _tokens.TryRemove(customerId ?? "", out _);
                throw new HttpRequestException(
                    $"The token endpoint refused {credentials.ClientId}{(customerId is null ? "" : $" as {customerId}")}: {(int)response.StatusCode} {body}",
                    inner: null, response.StatusCode);
            }

            using var json = JsonDocument.Parse(body);
            var lifetime = TimeSpan.FromSeconds(json.RootElement.GetProperty("expires_in").GetInt32());
            return new Token(json.RootElement.GetProperty("access_token").GetString()!, DateTimeOffset.UtcNow + lifetime);
        }
    }

    private IEnumerable<KeyValuePair<string, string>> Parameters(string? customerId)
    {
        yield return KeyValuePair.Create("grant_type", "client_credentials");
        yield return KeyValuePair.Create("client_id", credentials.ClientId);
        yield return KeyValuePair.Create("client_secret", credentials.Secret);
        yield return KeyValuePair.Create("scope", ClientCredentials.Scopes);
        if (customerId is not null)
        {
            yield return KeyValuePair.Create("customer_id", customerId);
        }
    }

    private sealed record Token(string Value, DateTimeOffset ExpiresAt);
}
