namespace Accommodation.Hosting.Postgres;

/// <summary>Where a local PostgreSQL keeps its cluster and which loopback port it serves.</summary>
public sealed record PostgresServerOptions(string DataDirectory, int Port)
{
    /// <summary>Extra server settings passed as -c name=value (tests turn fsync off, for example).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
