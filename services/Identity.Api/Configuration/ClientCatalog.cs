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
    IReadOnlyList<string> Roles)
{
    /// <summary>
    /// May ask, with the <c>customer_id</c> parameter, for a token of a synthetic customer (an id starting with
    /// <see cref="ClientCatalog.SyntheticCustomerPrefix"/>, which no user can have): load runs play many customers.
    /// </summary>
    public bool ActsForSyntheticCustomers { get; init; }
}

public static class ClientCatalog
{
    public const string Web = "web";
    public const string Reservation = "reservation";
    public const string LoadTests = "loadtests";

    /// <summary>The ids of the customers load runs play; reserved, so a real user's id never starts so.</summary>
    public const string SyntheticCustomerPrefix = "load-";

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
        // Load runs manage rooms as the client itself (both roles), and play customers load-* one token each.
        new(LoadTests, "Load tests", IsConfidential: true,
            [GrantTypes.ClientCredentials],
            CustomerApiScopes,
            [Configuration.Roles.Customer, Configuration.Roles.Manager]) { ActsForSyntheticCustomers = true },
    ];

    public static ClientDefinition? Find(string? clientId) =>
        Clients.FirstOrDefault(client => string.Equals(client.ClientId, clientId, StringComparison.Ordinal));

    public static IEnumerable<string> AudiencesOf(IEnumerable<string> scopes) =>
        ApiScopes.Where(scope => scopes.Contains(scope.Name, StringComparer.Ordinal))
            .SelectMany(scope => scope.Audiences)
            .Distinct(StringComparer.Ordinal);
}
