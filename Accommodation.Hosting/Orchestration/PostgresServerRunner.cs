using Accommodation.Hosting.Postgres;

namespace Accommodation.Hosting.Orchestration;

internal sealed class PostgresServerRunner(PostgresServerResource resource, ConsoleOutput output) : ResourceRunner
{
    private PostgresServer? _server;

    public override Task<int> Exited => _server?.Exited ?? base.Exited;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (resource.ExternalConnectionString is { } external)
        {
            ConnectionString = external;
            return;
        }

        // A server stopped through the AppHost API starts again on its data folder.
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _server = await PostgresServer.StartAsync(
            new PostgresServerOptions(resource.DataDirectory, resource.Port), line => output.WriteLine(resource.Name, line), cancellationToken);
        ConnectionString = _server.ConnectionString;
        output.WriteLine(resource.Name, $"PostgreSQL on 127.0.0.1:{_server.Port}, user {PostgresServer.SuperUser}, password in {Path.Combine(_server.DataDirectory, "password")}");
    }

    public override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) =>
        PostgresDatabases.CanConnectAsync(ConnectionString!, cancellationToken);

    public override Task StopAsync() => _server?.StopAsync() ?? Task.CompletedTask;

    public override ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;
}
