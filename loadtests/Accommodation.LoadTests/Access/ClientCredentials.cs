namespace Accommodation.LoadTests.Access;

/// <summary>The load-test client of the identity service: it manages rooms as itself and plays synthetic customers.</summary>
/// <param name="ClientId">The OAuth client id (<c>loadtests</c>).</param>
/// <param name="Secret">Its secret; identity registers the client only where one is configured (Development).</param>
public sealed record ClientCredentials(string ClientId, string Secret)
{
    /// <summary>The scopes a load run needs: every API a customer or a manager calls.</summary>
    public const string Scopes = "reservations rooms payments notices";

    /// <summary>What identity's Development settings configure; $LOADTESTS_CLIENT_SECRET wins.</summary>
    public static ClientCredentials Development { get; } = new("loadtests", Environment.GetEnvironmentVariable("LOADTESTS_CLIENT_SECRET") ?? "loadtests-dev-secret");

    /// <summary>Synthetic customers' ids start so; identity gives no real user such a name.</summary>
    public const string CustomerPrefix = "load-";
}
