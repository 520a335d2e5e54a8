using System.Net;
using Accommodation.Hosting.Processes;

namespace Accommodation.Hosting.Orchestration;

/// <summary>One process of a project, on its own port; the balancer sends it requests while it is healthy.</summary>
internal sealed class ProjectReplica(string name, int port, IReadOnlyDictionary<string, int>? namedEndpointPorts = null)
{
    private static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(10);
    private static readonly HttpClient HealthClient = new() { Timeout = TimeSpan.FromSeconds(2) };

    private ChildProcess? _process;
    private long _requests;
    private int _inFlight;

    /// <summary>"roomview" for a single process, "roomview-0", "roomview-1", ... for replicas; prefixes its output lines.</summary>
    public string Name { get; } = name;

    public string Url { get; } = $"http://127.0.0.1:{port}";

    public int Port { get; } = port;

    /// <summary>The URLs of the project's named endpoints on this replica, e.g. "grpc" → http://127.0.0.1:41234.</summary>
    public IReadOnlyDictionary<string, string> NamedEndpoints { get; } =
        (namedEndpointPorts ?? new Dictionary<string, int>()).ToDictionary(endpoint => endpoint.Key, endpoint => $"http://127.0.0.1:{endpoint.Value}");

    public IEnumerable<int> AllPorts => (namedEndpointPorts?.Values ?? []).Prepend(Port);

    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>Set by the last /health probe; cleared at once when the process exits or refuses a connection.</summary>
    public bool IsHealthy { get; set; }

    public Task<int> Exited => _process?.Exited ?? Task.FromResult(0);

    public long Requests => Interlocked.Read(ref _requests);

    public int InFlight => Volatile.Read(ref _inFlight);

    public void Start(ChildProcessSpec spec, Action<string> onOutputLine)
    {
        _process = ChildProcess.Start(spec, onOutputLine);
        StartedAt = DateTimeOffset.UtcNow;
        _ = _process.Exited.ContinueWith(_ => IsHealthy = false, TaskScheduler.Default);
    }

    public async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await HealthClient.GetAsync($"{Url}/health", cancellationToken);
            IsHealthy = response.StatusCode == HttpStatusCode.OK && _process is { HasExited: false };
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            IsHealthy = false;
        }

        return IsHealthy;
    }

    /// <summary>Counts a request the balancer sends here, for least-in-flight choice and for the resource view.</summary>
    public void BeginRequest()
    {
        Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref _requests);
    }

    public void EndRequest() => Interlocked.Decrement(ref _inFlight);

    public async Task StopAsync()
    {
        IsHealthy = false;
        if (_process is not null)
        {
            await _process.StopAsync(StopGracePeriod);
        }
    }
}
