using Accommodation.Hosting.ApplicationModel;

namespace Accommodation.Hosting.Postgres;

/// <summary>A database inside a PostgreSQL server, created on first use.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource server)
    : Resource(name), IResourceWithConnectionString, IResourceWithParent
{
    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Server { get; } = server;

    public IResource Parent => Server;
}
