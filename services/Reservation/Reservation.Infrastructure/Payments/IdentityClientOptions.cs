using Microsoft.Extensions.Configuration;

namespace Accommodation.Reservations.Infrastructure.Payments;

/// <summary>Reservation as a client of identity (client credentials), bound from the section <c>Identity</c>.</summary>
public sealed class IdentityClientOptions
{
    public const string SectionName = "Identity";

    /// <summary>Where tokens are asked for; by default identity's own <c>/connect/token</c> (see <see cref="IdentityTokenEndpoint"/>).</summary>
    public Uri? TokenEndpoint { get; set; }

    public string ClientId { get; set; } = "reservation";

    /// <summary>Development's is in appsettings.Development.json; elsewhere it comes from the environment or a secret store.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>How long asking for a token may take: a pay request waits for it with its reservation locked.</summary>
    public TimeSpan TokenTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The token endpoint of the service named <c>identity</c> (<c>services:identity:https:0</c> or <c>http:0</c>), or null.</summary>
    public static Uri? IdentityTokenEndpoint(IConfiguration configuration) =>
        (configuration["services:identity:https:0"] ?? configuration["services:identity:http:0"]) is { Length: > 0 } identity
            ? new Uri(new Uri(identity), "/connect/token")
            : null;
}
