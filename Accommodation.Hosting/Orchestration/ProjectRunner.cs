using Accommodation.Hosting.Api;
using Accommodation.Hosting.ApplicationModel;
using Accommodation.Hosting.Networking;
using Accommodation.Hosting.Processes;
using Accommodation.Hosting.Projects;

namespace Accommodation.Hosting.Orchestration;

/// <summary>
/// Runs a service as `dotnet &lt;its dll&gt;` processes behind its stable endpoint (the <see cref="ReplicaBalancer"/>),
/// and keeps the wanted number of them ready, the way a Kubernetes deployment does: a replica that exits or fails
/// /alive too often is replaced, scaling starts or drains replicas, and a rolling redeploy puts each new replica in
/// rotation once /health passes before it drains and stops an old one. One change of the replica set at a time.
/// </summary>
internal sealed class ProjectRunner(
    ProjectResource resource,
    ReplicaBalancer balancer,
    ReplicaPolicy policy,
    Func<ProjectReplica, IReadOnlyDictionary<string, string>> environmentOf,
    string runDirectory,
    ConsoleOutput output) : ResourceRunner
{
    private static readonly TimeSpan ReadinessPollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxRestartBackoff = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _changes = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Lock _replicasLock = new();
    private List<ProjectReplica> _replicas = [];
    private int _desired = resource.GetReplicaCount();
    private int _nextIndex;
    private int _restarts;
    private int _failedStartsInARow;
    private string _assembly = "";
    private Dictionary<string, string> _environmentOverrides = [];
    private CancellationTokenSource? _supervision;
    private Task _supervisor = Task.CompletedTask;
    private Task _autoscaling = Task.CompletedTask;

    /// <summary>The stable URL callers use (service discovery, the gateway line); the same across restarts.</summary>
    public string HttpUrl { get; } = $"http://127.0.0.1:{balancer.Port}";

    /// <summary>Variables set by a redeploy on top of the model's environment (e.g. a circuit breaker turned off).</summary>
    public IReadOnlyDictionary<string, string> EnvironmentOverrides => Volatile.Read(ref _environmentOverrides);

    /// <summary>Every process of the service: starting, ready or draining.</summary>
    public IReadOnlyList<ProjectReplica> Replicas
    {
        get
        {
            lock (_replicasLock)
            {
                return _replicas;
            }
        }
    }

    public int DesiredReplicas => Volatile.Read(ref _desired);

    /// <summary>Off unless the model or the AppHost API turned it on (WithAutoscaling, PUT /api/resources/{name}/autoscale).</summary>
    public Autoscaler Autoscaler { get; } = new(resource.Name, resource.Annotations.OfType<AutoscaleAnnotation>().LastOrDefault()
        ?? new AutoscaleAnnotation(1, 1, TargetInFlight: 1, Enabled: false), output);

    /// <summary>Replicas replaced because they exited or failed liveness.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    public IReadOnlyList<ReplicaSnapshot> SnapshotReplicas() =>
    [
        .. Replicas.Select(replica => new ReplicaSnapshot(
            replica.Name,
            replica.State,
            replica.Url,
            replica.ProcessId,
            replica.IsHealthy,
            replica.StartedAt,
            replica.NamedEndpoints,
            replica.Requests,
            replica.InFlight)),
    ];

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _assembly = await ProjectAssembly.EnsureBuiltAsync(resource.Metadata, line => output.WriteLine(resource.Name, line), cancellationToken);
        await StopLeftoversAsync(Path.GetFileName(_assembly));
        Directory.CreateDirectory(runDirectory);
        _nextIndex = 0;

        // The first replicas go into rotation at once: the balancer skips them until their /health passes.
        for (var count = 0; count < DesiredReplicas; count++)
        {
            var replica = Launch();
            replica.State = ReplicaState.Ready;
            balancer.Add(replica);
        }

        _supervision = new CancellationTokenSource();
        _supervisor = SuperviseAsync(_supervision.Token);
        _autoscaling = Autoscaler.RunAsync(this, _supervision.Token);
    }

    public override async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        var ready = Replicas.Where(replica => replica.State == ReplicaState.Ready).ToList();
        var probes = await Task.WhenAll(ready.Select(replica => replica.ProbeHealthAsync(cancellationToken)));
        return probes.Length > 0 && probes.All(healthy => healthy);
    }

    public override async Task StopAsync()
    {
        if (_supervision is not null)
        {
            await _supervision.CancelAsync();
            await Task.WhenAll(_supervisor, _autoscaling);
            _supervision.Dispose();
            _supervision = null;
        }

        await _changes.WaitAsync();
        try
        {
            balancer.Replicas = [];
            await Task.WhenAll(Replicas.Select(replica => replica.StopAsync()));
            foreach (var replica in Replicas)
            {
                File.Delete(PidFileOf(replica.Name));
            }

            lock (_replicasLock)
            {
                _replicas = [];
            }
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Sets the wanted number of replicas and returns once they are ready (or the extra ones are drained and stopped).</summary>
    public async Task ScaleAsync(int replicas, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        Volatile.Write(ref _desired, replicas);
        await UnderChangeLockAsync(ReconcileAsync, cancellationToken);
    }

    /// <summary>
    /// Replaces every replica, one at a time: start a new one, wait for /health, put it in rotation, take the old one
    /// out, let it finish its requests, stop it. No request is refused on the way. <paramref name="build"/> rebuilds the
    /// project first, so the new replicas run the new code.
    /// </summary>
    public Task RedeployAsync(bool build, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken) => UnderChangeLockAsync(async ct =>
    {
        if (environment is not null)
        {
            // Like `kubectl set env`: kept for every later replica, until the AppHost stops.
            Volatile.Write(ref _environmentOverrides, new Dictionary<string, string>(_environmentOverrides.Concat(environment)
                .GroupBy(variable => variable.Key).Select(group => group.Last())));
        }

        if (build)
        {
            await ProjectAssembly.BuildAsync(resource.Metadata, line => output.WriteLine(resource.Name, line), ct);
        }

        foreach (var old in Replicas.Where(replica => replica.State == ReplicaState.Ready).ToList())
        {
            var fresh = Launch();
            if (!await WaitUntilReadyAsync(fresh, ct))
            {
                await RetireAsync(fresh, drain: false);
                throw new InvalidOperationException(
                    $"{fresh.Name} did not pass /health within {policy.ReadinessTimeout.TotalSeconds} s; the redeploy stopped and {old.Name} still serves.");
            }

            PutInRotation(fresh);
            output.Info($"{resource.Name}: {fresh.Name} in rotation, draining {old.Name}");
            await RetireAsync(old, drain: true);
        }
    }, cancellationToken);

    /// <summary>Deletes the replica's liveness file, so its /alive fails and self-healing replaces it.</summary>
    public bool BreakLiveness(string replicaName) =>
        Replicas.SingleOrDefault(replica => replica.Name == replicaName) is { } replica && replica.BreakLiveness();

    // The control loop: replace what exited or keeps failing /alive, then start or drain replicas to the wanted count.
    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(policy.LivenessPeriod, cancellationToken);
                await ProbeLivenessAsync(cancellationToken);
                await UnderChangeLockAsync(ReconcileAsync, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is InvalidOperationException or IOException)
            {
                output.Error($"{resource.Name}: {exception.Message}");
            }
        }
    }

    private async Task ProbeLivenessAsync(CancellationToken cancellationToken)
    {
        var ready = Replicas.Where(replica => replica.State == ReplicaState.Ready && replica.HasBeenHealthy && !replica.HasExited).ToList();
        await Task.WhenAll(ready.Select(replica => replica.ProbeLivenessAsync(cancellationToken)));
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        foreach (var failed in Replicas.Where(replica => replica.State == ReplicaState.Ready && IsFailed(replica)).ToList())
        {
            output.Info(failed.HasExited
                ? $"{failed.Name}: exited with code {await failed.Exited}; replacing it"
                : $"{failed.Name}: /alive failed {failed.LivenessFailures} times in a row; restarting it");
            Interlocked.Increment(ref _restarts);
            await RetireAsync(failed, drain: false);
        }

        var ready = Replicas.Where(replica => replica.State == ReplicaState.Ready).ToList();
        if (ready.Count < DesiredReplicas)
        {
            await BackOffAsync(cancellationToken);
            // All missing replicas start together; each joins the rotation as soon as its /health passes.
            var started = await Task.WhenAll(Enumerable.Range(0, DesiredReplicas - ready.Count).Select(_ => StartIntoRotationAsync(cancellationToken)));
            _failedStartsInARow = started.All(ok => ok) ? 0 : _failedStartsInARow + 1;
        }

        // Scale in: the newest replicas go first, each after finishing its requests.
        foreach (var extra in ready.OrderByDescending(replica => replica.StartedAt).Take(ready.Count - DesiredReplicas).ToList())
        {
            await RetireAsync(extra, drain: true);
        }
    }

    private async Task<bool> StartIntoRotationAsync(CancellationToken cancellationToken)
    {
        var fresh = Launch();
        if (await WaitUntilReadyAsync(fresh, cancellationToken))
        {
            PutInRotation(fresh);
            return true;
        }

        output.Error($"{fresh.Name} did not pass /health within {policy.ReadinessTimeout.TotalSeconds} s; trying again later");
        await RetireAsync(fresh, drain: false);
        return false;
    }

    private bool IsFailed(ProjectReplica replica) =>
        replica.HasExited || replica.LivenessFailures >= policy.LivenessFailureThreshold;

    // After replicas that never became ready: wait 1, 2, 4, ... s (at most a minute) before trying again, like CrashLoopBackOff.
    private async Task BackOffAsync(CancellationToken cancellationToken)
    {
        if (_failedStartsInARow > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(Math.Pow(2, _failedStartsInARow - 1), MaxRestartBackoff.TotalSeconds)), cancellationToken);
        }
    }

    private ProjectReplica Launch()
    {
        var index = Interlocked.Increment(ref _nextIndex) - 1;
        var name = resource.GetReplicaCount() == 1 && index == 0 ? resource.Name : $"{resource.Name}-{index}";
        var replica = new ProjectReplica(
            name,
            FreePort.Find(),
            resource.GetNamedEndpoints().ToDictionary(endpoint => endpoint.Name, _ => FreePort.Find()),
            Path.Combine(runDirectory, $"{name}.alive"));
        var spec = new ChildProcessSpec(ExecutableSearch.DotnetHost, [_assembly])
        {
            WorkingDirectory = resource.ProjectDirectory,
            Environment = new Dictionary<string, string>(environmentOf(replica).Concat(EnvironmentOverrides)
                .GroupBy(variable => variable.Key).Select(group => group.Last())),
        };
        replica.Start(spec, line => output.WriteLine(replica.Name, line));
        File.WriteAllText(PidFileOf(replica.Name), $"{replica.ProcessId}\n");
        lock (_replicasLock)
        {
            _replicas = [.. _replicas, replica];
        }

        _ = replica.Exited.ContinueWith(_ => _wake.Release(), TaskScheduler.Default);
        return replica;
    }

    private async Task<bool> WaitUntilReadyAsync(ProjectReplica replica, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + policy.ReadinessTimeout;
        while (DateTime.UtcNow < deadline && !replica.HasExited)
        {
            if (await replica.ProbeHealthAsync(cancellationToken))
            {
                return true;
            }

            await Task.Delay(ReadinessPollInterval, cancellationToken);
        }

        return false;
    }

    private void PutInRotation(ProjectReplica replica)
    {
        replica.State = ReplicaState.Ready;
        balancer.Add(replica);
    }

    // Out of rotation first, so no new request arrives; then (when asked) wait for those in flight; then stop.
    private async Task RetireAsync(ProjectReplica replica, bool drain)
    {
        balancer.Remove(replica);
        replica.State = ReplicaState.Draining;
        var deadline = DateTime.UtcNow + policy.DrainTimeout;
        while (drain && replica.InFlight > 0 && DateTime.UtcNow < deadline && !replica.HasExited)
        {
            await Task.Delay(50);
        }

        await replica.StopAsync();
        File.Delete(PidFileOf(replica.Name));
        lock (_replicasLock)
        {
            _replicas = [.. _replicas.Where(other => other != replica)];
        }
    }

    private async Task UnderChangeLockAsync(Func<CancellationToken, Task> change, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken);
        try
        {
            await change(cancellationToken);
        }
        finally
        {
            _changes.Release();
        }
    }

    private string PidFileOf(string replicaName) => Path.Combine(runDirectory, $"{replicaName}.pid");

    private bool IsReplicaName(string name) =>
        name == resource.Name || (name.StartsWith($"{resource.Name}-", StringComparison.Ordinal) && name[(resource.Name.Length + 1)..].All(char.IsAsciiDigit));

    // A crashed run may have left this service's processes holding their ports, with any replica count.
    private async Task StopLeftoversAsync(string assemblyFileName)
    {
        if (!Directory.Exists(runDirectory))
        {
            return;
        }

        foreach (var pidFile in Directory.EnumerateFiles(runDirectory, $"{resource.Name}*.pid").Where(path => IsReplicaName(Path.GetFileNameWithoutExtension(path))).ToList())
        {
            if (ProcessTable.ReadPidFile(pidFile) is { } stalePid)
            {
                await ProcessTable.StopStaleAsync(stalePid, assemblyFileName, LibC.SigTerm, TimeSpan.FromSeconds(10));
            }

            File.Delete(pidFile);
        }
    }
}
