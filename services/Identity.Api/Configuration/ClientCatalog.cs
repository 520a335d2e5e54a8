using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Accommodation.Identity.Api.Configuration;

/// <summary>An API scope and the services (audiences) a token carrying it is meant for.</summary>
public sealed record ApiScope(string Name, string DisplayName, IReadOnlyList<string> Audiences);

/// <summary>A client this server knows; what it may do is fixed here, its secret and URIs come from configuration.</summary>
public sealed record ClientDefinition(
    string ClientId,
    string DisplayName,
    bool IsConfidential,
    IReadOnlyList<string> GrantTypes,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> Roles);

public static class ClientCatalog
{
    public const string Web = "web";
    public const string Reservation = "reservation";
    public const string LoadTests = "loadtests";

    public static readonly IReadOnlyList<ApiScope> ApiScopes =
    [
        new("reservations", "Your reservations", ["reservation", "roomview"]),
        new("rooms", "Rooms and their availability", ["room", "roomview"]),
        new("payments", "Your payments", ["payment"]),
        new("payment.pay", "Charge and refund payments (services only)", ["payment"]),
        new("notices", "Your notices", ["notification"]),
    ];

    private static readonly string[] CustomerApiScopes = ["reservations", "rooms", "payments", "notices"];

    public static readonly IReadOnlyList<ClientDefinition> Clients =
    [
        new(Web, "Accommodation web app", IsConfidential: false,
            [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken],
            [Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess, .. CustomerApiScopes],
            []),
        new(Reservation, "Reservation service", IsConfidential: true,
            [GrantTypes.ClientCredentials],
            ["payment.pay"],
            []),
        // Load runs drive the whole API as one principal, so the token carries both roles.
        new(LoadTests, "Load tests", IsConfidential: true,
            [GrantTypes.ClientCredentials],
            CustomerApiScopes,
            [Configuration.Roles.Customer, Configuration.Roles.Manager]),
    ];

    public static ClientDefinition? Find(string? clientId) =>
        Clients.FirstOrDefault(client => string.Equals(client.ClientId, clientId, StringComparison.Ordinal));

    public static IEnumerable<string> AudiencesOf(IEnumerable<string> scopes) =>
        ApiScopes.Where(scope => scopes.Contains(scope.Name, StringComparer.Ordinal))
            .SelectMany(scope => scope.Audiences)
            .Distinct(StringComparer.Ordinal);
}
