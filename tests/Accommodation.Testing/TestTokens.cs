using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace Accommodation.Testing;

/// <summary>
/// Access tokens for a service under test, shaped like the identity service's (RS256, <c>typ: at+jwt</c>, sub, role,
/// scope, client_id), signed with a key made for this test run. <see cref="AcceptTestTokens"/> makes a service trust
/// that key in place of identity's, which the tests of identity itself and the end-to-end tests cover.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "https://identity.test/";

    public static readonly RsaSecurityKey SigningKey = new(RSA.Create(2048)) { KeyId = "test-signing-key" };

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>A customer's token, for the service that is <paramref name="audience"/>.</summary>
    public static string Customer(string customerId, string audience) =>
        Create(new TokenSpec(customerId, audience) { Roles = [AccessPolicies.Customer], ClientId = "web" });

    /// <summary>A manager's token.</summary>
    public static string Manager(string audience, string managerId = "park") =>
        Create(new TokenSpec(managerId, audience) { Roles = [AccessPolicies.Manager], ClientId = "web" });

    /// <summary>A client-credentials token, whose subject is the client.</summary>
    public static string Service(string clientId, string audience, params string[] scopes) =>
        Create(new TokenSpec(clientId, audience) { Scopes = scopes, ClientId = clientId });

    public static string Create(TokenSpec spec)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = spec.Subject,
            ["client_id"] = spec.ClientId ?? spec.Subject,
        };
        if (spec.Roles.Count > 0)
        {
            claims["role"] = spec.Roles.ToArray();
        }

        if (spec.Scopes.Count > 0)
        {
            claims["scope"] = string.Join(' ', spec.Scopes);
        }

        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer ?? Issuer,
            Audience = spec.Audience,
            Claims = claims,
            IssuedAt = now + spec.Shift,
            NotBefore = now + spec.Shift,
            Expires = now + spec.Shift + spec.Lifetime,
            TokenType = spec.Type,
            SigningCredentials = new SigningCredentials(spec.Key ?? SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>Makes the services' bearer handler trust <see cref="SigningKey"/> and <see cref="Issuer"/>, fetching nothing.</summary>
    public static IServiceCollection AcceptTestTokens(this IServiceCollection services) =>
        services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            options.ConfigurationManager = null;
            options.MetadataAddress = null!;
            options.Configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
            options.Configuration.SigningKeys.Add(SigningKey);
        });

    /// <summary>A copy of the client's request headers' bearer set to <paramref name="token"/>, for one request.</summary>
    public static HttpRequestMessage WithBearer(this HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>Sets every later request of <paramref name="client"/> to carry <paramref name="token"/>.</summary>
    public static HttpClient UseBearer(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// Tokens a service must answer 401 to, each named: none at all, expired, not yet valid, signed by another key,
    /// tampered, <c>alg: none</c>, another issuer, another audience, and an identity token (typ JWT) in place of an access token.
    /// </summary>
    public static IEnumerable<(string Name, string? Token)> Refused(string audience, string subject = "kim")
    {
        var valid = new TokenSpec(subject, audience) { Roles = [AccessPolicies.Customer, AccessPolicies.Manager], ClientId = "web" };
        yield return ("missing", null);
        yield return ("expired", Create(valid with { Shift = -TimeSpan.FromHours(1) }));
        yield return ("not yet valid", Create(valid with { Shift = TimeSpan.FromHours(1) }));
        yield return ("signed by another key", Create(valid with { Key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = SigningKey.KeyId } }));
        yield return ("tampered", Tampered(Create(valid with { Subject = "mallory" }), subject));
        yield return ("alg none", Unsigned(valid));
        yield return ("wrong issuer", Create(valid with { Issuer = "https://identity.example/" }));
        yield return ("wrong audience", Create(valid with { Audience = "somewhere-else" }));
        yield return ("identity token", Create(valid with { Type = "JWT" }));
        yield return ("garbage", "not.a.token");
    }

    /// <summary>
    /// The rows of a 401 theory: each route (or method) with the name of each token of <see cref="Refused"/>. Names,
    /// not tokens: <see cref="RefusedToken"/> makes the token when the case runs, so none has aged since discovery.
    /// </summary>
    public static TheoryData<string, string> WithEachRefusedToken(IEnumerable<string> routes)
    {
        var data = new TheoryData<string, string>();
        foreach (var route in routes)
        {
            foreach (var (name, _) in Refused("any"))
            {
                data.Add(route, name);
            }
        }

        return data;
    }

    /// <summary>The token of <see cref="Refused"/> called <paramref name="name"/> (null for "missing").</summary>
    public static string? RefusedToken(string audience, string name) => Refused(audience).Single(refused => refused.Name == name).Token;

    /// <summary>The same claims with <c>alg: none</c> and no signature, the oldest forgery there is.</summary>
    public static string Unsigned(TokenSpec spec) => Unsigned(Create(spec));

    /// <summary>Any token's claims (a borrowed one's too) under <c>alg: none</c>, without a signature.</summary>
    public static string Unsigned(string token) =>
        $"{Base64UrlEncoder.Encode("""{"alg":"none","typ":"at+jwt"}""")}.{token.Split('.')[1]}.";

    /// <summary>A valid token whose payload is changed to name <paramref name="subject"/>, keeping the old signature.</summary>
    public static string Tampered(string token, string subject)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload["sub"] = subject;
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
    }
}

/// <summary>What a test token says; the defaults make a valid one.</summary>
public sealed record TokenSpec(string Subject, string Audience)
{
    public IReadOnlyList<string> Roles { get; init; } = [];
    public IReadOnlyList<string> Scopes { get; init; } = [];
    public string? ClientId { get; init; }
    public string? Issuer { get; init; }
    public SecurityKey? Key { get; init; }
    public string Type { get; init; } = "at+jwt";
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Moves the token's times: minus one hour makes it expired.</summary>
    public TimeSpan Shift { get; init; }
}
