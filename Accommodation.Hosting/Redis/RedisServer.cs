using System.Globalization;
using Accommodation.Hosting.Networking;
using Accommodation.Hosting.Processes;

namespace Accommodation.Hosting.Redis;

/// <summary>redis-server as a child process on 127.0.0.1, its append-only file kept in the data folder.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string PidFileName = "redis.pid";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(10);

    private readonly ChildProcess _process;

    private RedisServer(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
        ConnectionString = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");
    }

    public int Port { get; }

    /// <summary>StackExchange.Redis connection string, e.g. "127.0.0.1:6380".</summary>
    public string ConnectionString { get; }

    public int ProcessId => _process.Id;

    public Task<int> Exited => _process.Exited;

    public static async Task<RedisServer> StartAsync(RedisServerOptions options, Action<string> log, CancellationToken cancellationToken)
    {
        var redisServer = ExecutableSearch.FindOnPath("redis-server") ?? throw new PrerequisiteMissingException("Redis (redis-server)");
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(dataDirectory);

        // A redis-server from a crashed run still holds the port.
        if (ProcessTable.ReadPidFile(Path.Combine(dataDirectory, PidFileName)) is { } stalePid)
        {
            await ProcessTable.StopStaleAsync(stalePid, "redis-server", LibC.SigTerm, StopGracePeriod);
        }

        if (FreePort.IsInUse(options.Port))
        {
            throw new InvalidOperationException($"Redis cannot listen on port {options.Port}: it is in use.");
        }

        List<string> arguments =
        [
            "--port", options.Port.ToString(CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--dir", dataDirectory,
            "--pidfile", Path.Combine(dataDirectory, PidFileName),
            "--daemonize", "no",
        ];
        // Every write is in the append-only file before Redis answers, so a killed Redis loses nothing it acknowledged.
        arguments.AddRange(options.Persistent ? ["--appendonly", "yes", "--appendfsync", "always"] : ["--appendonly", "no", "--save", ""]);

        var process = ChildProcess.Start(new ChildProcessSpec(redisServer, arguments) { WorkingDirectory = dataDirectory }, log);
        var server = new RedisServer(process, options.Port);
        try
        {
            await server.WaitUntilAnsweringAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public Task StopAsync() => _process.StopAsync(StopGracePeriod);

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await RedisHealth.PingAsync(ConnectionString))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {await _process.Exited} while starting.");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"redis-server did not answer PING on port {Port} within {StartTimeout.TotalSeconds} s.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
