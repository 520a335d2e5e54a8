using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>The names of the authorization policies every service shares.</summary>
public static class AccessPolicies
{
    /// <summary>A signed-in customer (role <c>customer</c>): reserves, pays, cancels, reads their own things.</summary>
    public const string Customer = "customer";

    /// <summary>A manager (role <c>manager</c>): registers and changes rooms, checks stays out, reads any customer's things.</summary>
    public const string Manager = "manager";

    /// <summary>A service allowed to charge: the scope reservation's client credentials token carries.</summary>
    public const string PaymentPay = "payment.pay";
}

/// <summary>The claims of the identity service's access tokens, as they arrive (no inbound mapping).</summary>
public static class AccessClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Scope = "scope";
    public const string ClientId = "client_id";

    /// <summary>The customer id of the caller: the token's subject (a user name, or a client's id for client credentials).</summary>
    public static string CustomerId(this ClaimsPrincipal user) =>
        user.FindFirstValue(Subject) ?? throw new InvalidOperationException("An authenticated caller has a subject.");

    public static bool IsManager(this ClaimsPrincipal user) => user.IsInRole(AccessPolicies.Manager);

    /// <summary>True when the caller may read or change what belongs to <paramref name="customerId"/>.</summary>
    public static bool MayActFor(this ClaimsPrincipal user, string customerId) =>
        user.IsManager() || string.Equals(user.FindFirstValue(Subject), customerId, StringComparison.Ordinal);

    public static bool HasAccessScope(this ClaimsPrincipal user, string scope) =>
        user.FindAll(Scope).Any(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope, StringComparer.Ordinal));
}

public static class ServiceAuthentication
{
    /// <summary>Where the identity service's discovery document is read from, when not from service discovery.</summary>
    public const string MetadataAddressKey = "Identity:MetadataAddress";

    /// <summary>
    /// Bearer tokens from the identity service, validated here whatever the gateway did (defense in depth): signature
    /// against identity's keys, issuer, lifetime and this service's audience. Every endpoint needs a valid token unless it
    /// says <c>AllowAnonymous</c>; the policies in <see cref="AccessPolicies"/> say who may do what. The audiences are the
    /// <c>aud</c> values accepted: the service's own name (the gateway accepts them all).
    /// </summary>
    public static TBuilder AddServiceAuthentication<TBuilder>(this TBuilder builder, params string[] audiences)
        where TBuilder : IHostApplicationBuilder
    {
        var metadataAddress = IdentityMetadataAddress(builder.Configuration);
        var requireHttps = builder.Configuration.GetValue("Identity:RequireHttpsMetadata", !builder.Environment.IsDevelopment());

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            // Claims keep the names identity gives them (sub, role, scope), not WS-Federation URIs.
            options.MapInboundClaims = false;
            options.TokenValidationParameters.ValidAudiences = audiences;
            options.TokenValidationParameters.NameClaimType = AccessClaims.Subject;
            options.TokenValidationParameters.RoleClaimType = AccessClaims.Role;
            // Access tokens only: an identity token (typ JWT) of the same issuer is not a key to the API.
            options.TokenValidationParameters.ValidTypes = ["at+jwt"];
            options.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
            options.RequireHttpsMetadata = requireHttps;
            if (metadataAddress is not null)
            {
                options.ConfigurationManager = IdentityMetadataRetriever.ConfigurationManager(metadataAddress, requireHttps);
            }
        });

        builder.Services.AddAuthorizationBuilder()
            // Deny by default: an endpoint without a policy still needs a valid token.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AccessPolicies.Customer, policy => policy.RequireRole(AccessPolicies.Customer))
            .AddPolicy(AccessPolicies.Manager, policy => policy.RequireRole(AccessPolicies.Manager))
            .AddPolicy(AccessPolicies.PaymentPay, policy => policy.RequireAssertion(context => context.User.HasAccessScope(AccessPolicies.PaymentPay)));

        return builder;
    }

    /// <summary>
    /// <c>Identity:MetadataAddress</c>, or the discovery document of the service named <c>identity</c> (the AppHost's
    /// and Aspire's <c>services__identity__http__0</c>); null when neither is set (tests supply their own keys).
    /// </summary>
    public static Uri? IdentityMetadataAddress(IConfiguration configuration)
    {
        if (configuration[MetadataAddressKey] is { Length: > 0 } configured)
        {
            return new Uri(configured);
        }

        var identity = configuration["services:identity:https:0"] ?? configuration["services:identity:http:0"];
        return identity is { Length: > 0 } ? new Uri(new Uri(identity), "/.well-known/openid-configuration") : null;
    }
}
