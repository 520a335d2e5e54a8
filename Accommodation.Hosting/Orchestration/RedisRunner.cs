using Accommodation.Hosting.Redis;

namespace Accommodation.Hosting.Orchestration;

internal sealed class RedisRunner(RedisResource resource, ConsoleOutput output) : ResourceRunner
{
    private RedisServer? _server;

    public override Task<int> Exited => _server?.Exited ?? base.Exited;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        ConnectionString = resource.ConnectionString;
        if (resource.IsLocal)
        {
            // A server stopped through the AppHost API starts again on its data folder.
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }

            _server = await RedisServer.StartAsync(
                new RedisServerOptions(resource.DataDirectory, resource.Port), line => output.WriteLine(resource.Name, line), cancellationToken);
        }
    }

    public override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => RedisHealth.PingAsync(ConnectionString!);

    public override Task StopAsync() => _server?.StopAsync() ?? Task.CompletedTask;

    public override ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;
}
