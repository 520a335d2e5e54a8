using Accommodation.Hosting.Postgres;
using Microsoft.Extensions.Configuration;

namespace Accommodation.Hosting;

public static class PostgresResourceExtensions
{
    // Not 5432, so a system cluster on the same machine keeps its port.
    public const int DefaultPort = 5433;

    /// <summary>
    /// PostgreSQL for the application: ConnectionStrings:{name} when configured (an existing server), otherwise the
    /// machine's PostgreSQL binaries on Resources:{name}:Port (default 5433), data in {AppHost:DataDirectory}/{name}.
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this DistributedApplicationBuilder builder, string name, int? port = null)
    {
        var external = builder.Configuration.GetConnectionString(name);
        var resolvedPort = builder.GetConfiguredPort(name) ?? port ?? DefaultPort;
        var dataDirectory = Path.Combine(builder.DataDirectory, name);
        return builder.AddResource(new PostgresServerResource(name, resolvedPort, dataDirectory, string.IsNullOrWhiteSpace(external) ? null : external));
    }

    /// <summary>A database on this server (created if missing before dependents start); its connection name is <paramref name="name"/>.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> builder, string name, string? databaseName = null) =>
        builder.ApplicationBuilder.AddResource(new PostgresDatabaseResource(name, databaseName ?? name, builder.Resource));
}
