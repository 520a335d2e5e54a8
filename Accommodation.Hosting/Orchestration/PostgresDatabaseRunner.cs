using Accommodation.Hosting.Postgres;

namespace Accommodation.Hosting.Orchestration;

/// <summary>Creates the database on its (already healthy) server if it is missing.</summary>
internal sealed class PostgresDatabaseRunner(PostgresDatabaseResource resource, ResourceRunner serverRunner) : ResourceRunner
{
    public override async Task StartAsync(CancellationToken cancellationToken) =>
        ConnectionString = await PostgresDatabases.EnsureCreatedAsync(serverRunner.ConnectionString!, resource.DatabaseName, cancellationToken);

    public override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) =>
        PostgresDatabases.CanConnectAsync(ConnectionString!, cancellationToken);
}
