using Accommodation.Hosting.ApplicationModel;

namespace Accommodation.Hosting.Postgres;

/// <summary>A PostgreSQL server: local binaries on <see cref="Port"/> with data in <see cref="DataDirectory"/>, or an external server.</summary>
public sealed class PostgresServerResource(string name, int port, string dataDirectory, string? externalConnectionString)
    : Resource(name), IResourceWithConnectionString
{
    public int Port { get; } = port;

    public string DataDirectory { get; } = dataDirectory;

    public string? ExternalConnectionString { get; } = externalConnectionString;

    public bool IsLocal => ExternalConnectionString is null;
}
