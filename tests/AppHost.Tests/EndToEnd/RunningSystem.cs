using Accommodation.Hosting.Networking;

namespace AppHost.Tests.EndToEnd;

/// <summary>One AppHost run (every resource and service as a real process) shared by the tests of a class.</summary>
public sealed class RunningSystem : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"accommodation-apphost-e2e-{Guid.NewGuid():N}");
    private AppHostProcess? _appHost;

    public HttpClient Gateway { get; private set; } = new();

    /// <summary>The AppHost API: GET /api/resources, POST /api/resources/{name}/stop|start|restart.</summary>
    public HttpClient AppHostApi { get; private set; } = new();

    public string Output => _appHost?.Output ?? "";

    public async Task InitializeAsync()
    {
        _appHost = AppHostProcess.Start(
            $"--AppHost:DataDirectory={_dataDirectory}",
            $"--AppHost:Port={FreePort.Find()}",
            $"--Resources:kafka:Port={FreePort.Find()}",
            $"--Resources:postgres:Port={FreePort.Find()}",
            $"--Resources:cache:Port={FreePort.Find()}",
            $"--Resources:gateway:Port={FreePort.Find()}",
            // Quick self-healing for the liveness test; autoscaling only when a test turns it on.
            "--Resources:room:Liveness:Period=00:00:01",
            "--Resources:payment:Autoscale:Enabled=false");
        AppHostApi = new HttpClient { BaseAddress = await _appHost.WaitForApiUrlAsync(TimeSpan.FromMinutes(2)), Timeout = TimeSpan.FromMinutes(2) };
        Gateway = new HttpClient { BaseAddress = await _appHost.WaitForGatewayUrlAsync(TimeSpan.FromMinutes(4)) };
    }

    public async Task DisposeAsync()
    {
        Gateway.Dispose();
        AppHostApi.Dispose();
        if (_appHost is not null)
        {
            await _appHost.DisposeAsync();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
