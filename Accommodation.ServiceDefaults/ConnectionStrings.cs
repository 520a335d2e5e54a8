namespace Microsoft.Extensions.Hosting;

internal static class ConnectionStrings
{
    // Fail at start-up with the key to set, not later with a driver error.
    public static string Require(string? connectionString, string connectionName) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing. Set 'ConnectionStrings:{connectionName}' "
                + $"(environment variable ConnectionStrings__{connectionName}); the AppHost does this for every reference.")
            : connectionString;
}
