using System.Net;
using Accommodation.Hosting.Processes;

namespace Accommodation.Hosting.Orchestration;

/// <summary>Where a replica is in its life: started, taking requests, finishing what it has, or gone.</summary>
public enum ReplicaState
{
    Starting,
    Ready,
    Draining,
    Stopped,
}

/// <summary>One process of a project, on its own port; the balancer sends it requests while it is ready and healthy.</summary>
internal sealed class ProjectReplica(string name, int port, IReadOnlyDictionary<string, int>? namedEndpointPorts = null, string? livenessFile = null)
{
    private static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(10);
    private static readonly HttpClient ProbeClient = new() { Timeout = TimeSpan.FromSeconds(2) };

    private ChildProcess? _process;
    private long _requests;
    private int _inFlight;

    /// <summary>"roomview-0", "roomview-1", ... or just "room" for the first process of a single-process service; prefixes its output.</summary>
    public string Name { get; } = name;

    public string Url { get; } = $"http://127.0.0.1:{port}";

    public int Port { get; } = port;

    /// <summary>The URLs of the project's named endpoints on this replica, e.g. "grpc" → http://127.0.0.1:41234.</summary>
    public IReadOnlyDictionary<string, string> NamedEndpoints { get; } =
        (namedEndpointPorts ?? new Dictionary<string, int>()).ToDictionary(endpoint => endpoint.Key, endpoint => $"http://127.0.0.1:{endpoint.Value}");

    public IEnumerable<int> AllPorts => (namedEndpointPorts?.Values ?? []).Prepend(Port);

    /// <summary>While this file exists /alive passes (Health:LivenessFile); deleting it is how a demo breaks liveness.</summary>
    public string? LivenessFile { get; } = livenessFile;

    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    public DateTimeOffset? StartedAt { get; private set; }

    public ReplicaState State { get; set; } = ReplicaState.Starting;

    /// <summary>Set by the last /health probe; cleared at once when the process exits or refuses a connection.</summary>
    public bool IsHealthy { get; set; }

    /// <summary>Passed /health at least once: liveness is judged only from then on (a start-up is not a failure).</summary>
    public bool HasBeenHealthy { get; private set; }

    /// <summary>/alive failures in a row; reset by a success.</summary>
    public int LivenessFailures { get; private set; }

    public bool HasExited => _process is { HasExited: true };

    public Task<int> Exited => _process?.Exited ?? Task.FromResult(0);

    public long Requests => Interlocked.Read(ref _requests);

    public int InFlight => Volatile.Read(ref _inFlight);

    public void Start(ChildProcessSpec spec, Action<string> onOutputLine)
    {
        if (LivenessFile is not null)
        {
            File.WriteAllText(LivenessFile, "");
        }

        _process = ChildProcess.Start(spec, onOutputLine);
        StartedAt = DateTimeOffset.UtcNow;
        _ = _process.Exited.ContinueWith(_ => IsHealthy = false, TaskScheduler.Default);
    }

    /// <summary>Readiness: GET /health answers 200.</summary>
    public async Task<bool> ProbeHealthAsync(CancellationToken cancellationToken)
    {
        IsHealthy = await AnswersOkAsync(HealthProbePaths.Readiness, cancellationToken) && !HasExited;
        HasBeenHealthy |= IsHealthy;
        return IsHealthy;
    }

    /// <summary>Liveness: GET /alive answers 200; counts failures in a row.</summary>
    public async Task<bool> ProbeLivenessAsync(CancellationToken cancellationToken)
    {
        var alive = await AnswersOkAsync(HealthProbePaths.Liveness, cancellationToken) && !HasExited;
        LivenessFailures = alive ? 0 : LivenessFailures + 1;
        return alive;
    }

    /// <summary>Makes /alive fail from now on, as `rm /tmp/healthy` did in the requirements' liveness demo.</summary>
    public bool BreakLiveness()
    {
        if (LivenessFile is null || !File.Exists(LivenessFile))
        {
            return false;
        }

        File.Delete(LivenessFile);
        return true;
    }

    /// <summary>Counts a request the balancer sends here, for least-in-flight choice, draining and the resource view.</summary>
    public void BeginRequest()
    {
        Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref _requests);
    }

    public void EndRequest() => Interlocked.Decrement(ref _inFlight);

    public async Task StopAsync()
    {
        IsHealthy = false;
        State = ReplicaState.Stopped;
        if (_process is not null)
        {
            await _process.StopAsync(StopGracePeriod);
        }

        if (LivenessFile is not null)
        {
            File.Delete(LivenessFile);
        }
    }

    private async Task<bool> AnswersOkAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await ProbeClient.GetAsync($"{Url}{path}", cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
