using System.Collections.Concurrent;
using System.Globalization;
using Accommodation.Dashboard.Frontend;
using Accommodation.Dashboard.Telemetry;
using Accommodation.Hosting.Api;
using Accommodation.Hosting.ApplicationModel;
using Accommodation.Hosting.Kafka;
using Accommodation.Hosting.Networking;
using Accommodation.Hosting.Postgres;
using Accommodation.Hosting.Projects;
using Accommodation.Hosting.Redis;
using Microsoft.Extensions.Configuration;

namespace Accommodation.Hosting.Orchestration;

/// <summary>
/// Runs the model: each resource starts once what it waits for is healthy, is watched (health, exit) while the
/// application runs, can be stopped and started again through the AppHost API, and on stop every resource stops
/// after everything that depends on it.
/// </summary>
internal sealed class Orchestrator
{
    private static readonly TimeSpan HealthPollUntilHealthy = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan HealthPollWhenHealthy = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan InfrastructureRestartDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxInfrastructureRestartDelay = TimeSpan.FromSeconds(30);

    private readonly DistributedApplicationModel _model;
    private readonly ConsoleOutput _output;

    // What the services export over OTLP, bounded per service (Dashboard:Telemetry).
    private readonly TelemetryStore _telemetry;
    private readonly ResourceStates _states;
    private readonly Dictionary<IResource, ResourceRunner> _runners = [];
    private readonly Dictionary<IResource, TaskCompletionSource> _started = [];
    private readonly Dictionary<IResource, SemaphoreSlim> _commandGates = [];
    private readonly ConcurrentDictionary<IResource, ResourceLifetime> _lifetimes = new();
    private readonly List<ReplicaBalancer> _balancers = [];
    private readonly CancellationTokenSource _fatal = new();
    private CancellationToken _running;

    public Orchestrator(DistributedApplicationModel model, ConsoleOutput output)
    {
        _model = model;
        _output = output;
        _telemetry = new TelemetryStore(model.Configuration.GetSection(TelemetryLimits.SectionName).Get<TelemetryLimits>() ?? new TelemetryLimits());
        _states = new ResourceStates(output);
        var projectPorts = AllocateProjectPorts(model.Resources.OfType<ProjectResource>());
        foreach (var resource in model.Resources)
        {
            _runners[resource] = CreateRunner(resource, projectPorts);
            _started[resource] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _commandGates[resource] = new SemaphoreSlim(1, 1);
        }
    }

    public DistributedApplicationModel Model => _model;

    public async Task<int> RunAsync(CancellationToken stoppingToken)
    {
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _fatal.Token);
        _running = running.Token;
        await using var server = await AppHostServer.StartAsync(this, _model.ApiPort, _balancers, _telemetry, _output);
        if (server is null)
        {
            return 1;
        }

        _output.Info(_model.Dashboard.AuthMode == DashboardAuthMode.Unsecured
            ? $"Dashboard: {server.Url} (unsecured: anyone on this machine can open it and use the API)"
            : $"Dashboard: {server.Url}/login?t={_model.Dashboard.BrowserToken}");
        _output.Info(_model.Dashboard.AuthMode == DashboardAuthMode.Unsecured
            ? $"AppHost API: {server.Url}/api/resources"
            : $"AppHost API: {server.Url}/api/resources (send the token as 'Authorization: Bearer {_model.Dashboard.BrowserToken}')");
        _output.Info(_model.ExternalOtlpEndpoint is { } external
            ? $"Telemetry: the services export to {external} ({_model.OtlpProtocol})"
            : $"Telemetry: the services export to {server.Url} (OTLP/HTTP); read it at {server.Url}/api/telemetry/traces");
        foreach (var resource in _model.Resources)
        {
            Launch(resource);
        }

        var announcement = AnnounceWhenAllHealthyAsync(running.Token);

        await Task.Delay(Timeout.Infinite, running.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        _output.Info("Stopping: services first, then infrastructure");
        await Task.WhenAll(_lifetimes.Values.Select(lifetime => lifetime.Run).Append(announcement));
        await StopAllAsync();
        foreach (var runner in _runners.Values)
        {
            await runner.DisposeAsync();
        }

        _output.Info("Stopped");
        return _fatal.IsCancellationRequested ? 1 : 0;
    }

    /// <summary>What the AppHost API shows: every resource's kind, state, stable URL and replicas.</summary>
    public IReadOnlyList<ResourceSnapshot> Snapshot() => [.. _model.Resources.Select(SnapshotOf)];

    public ResourceSnapshot SnapshotOf(IResource resource)
    {
        var runner = _runners[resource] as ProjectRunner;
        var connectionString = resource is IResourceWithConnectionString ? _runners[resource].ConnectionString : null;
        var (startedAt, restarts) = _states.GetStarts(resource);
        return new ResourceSnapshot(
            resource.Name,
            resource.GetType().Name.Replace("Resource", "", StringComparison.Ordinal),
            _states.Get(resource),
            _states.GetDetail(resource),
            runner?.HttpUrl,
            [.. resource.GetWaitDependencies().Select(dependency => dependency.Name)],
            runner?.DesiredReplicas,
            // A service counts replicas replaced by self-healing; infrastructure, how often it was started again.
            runner?.Restarts ?? restarts,
            startedAt,
            runner?.EnvironmentOverrides,
            runner is null ? null : new AutoscaleSnapshot(runner.Autoscaler.Settings, runner.Autoscaler.LastReading),
            runner?.SnapshotReplicas() ?? [],
            connectionString);
    }

    /// <summary>
    /// Services and the infrastructure this AppHost runs itself are stopped and started on request; a database goes
    /// with its server, and external servers are not ours to stop.
    /// </summary>
    public static bool CanCommand(IResource resource) => resource switch
    {
        ProjectResource => true,
        KafkaResource kafka => kafka.IsEmbedded,
        PostgresServerResource server => server.ExternalConnectionString is null,
        RedisResource redis => redis.IsLocal,
        _ => false,
    };

    /// <summary>Stops every process of the resource; what depends on it keeps running (and must cope, as in production).</summary>
    public Task StopResourceAsync(IResource resource) => UnderCommandGateAsync(resource, async () =>
    {
        if (_lifetimes.TryGetValue(resource, out var lifetime))
        {
            await lifetime.Stop.CancelAsync();
            await lifetime.Run;
        }

        await StopAsync(resource, []);
    });

    /// <summary>Starts a stopped or exited resource again; returns once its processes are running (not yet healthy).</summary>
    public Task StartResourceAsync(IResource resource) => UnderCommandGateAsync(resource, async () =>
    {
        if (_lifetimes.TryGetValue(resource, out var lifetime) && !lifetime.Run.IsCompleted)
        {
            throw new InvalidOperationException($"'{resource.Name}' is already running; restart it instead.");
        }

        // Whatever an exited replica left in its process group goes first.
        await _runners[resource].StopAsync();
        await Launch(resource).Started;
    });

    /// <summary>The naive restart: stop every replica, then start new ones; requests meanwhile find nobody.</summary>
    public async Task RestartResourceAsync(IResource resource)
    {
        await StopResourceAsync(resource);
        await StartResourceAsync(resource);
    }

    /// <summary>The rolling, readiness-gated redeploy (see <see cref="ProjectRunner.RedeployAsync"/>).</summary>
    public Task RedeployResourceAsync(IResource resource, bool build, IReadOnlyDictionary<string, string>? environment) => UnderCommandGateAsync(resource, () =>
        RunningProject(resource).RedeployAsync(build, environment, _running));

    public Task ScaleResourceAsync(IResource resource, int replicas) => UnderCommandGateAsync(resource, () =>
        RunningProject(resource) is { Autoscaler.Settings.Enabled: true }
            ? throw new InvalidOperationException($"'{resource.Name}' is autoscaled; turn autoscaling off before scaling by hand.")
            : RunningProject(resource).ScaleAsync(replicas, _running));

    /// <summary>The service's autoscaler, on or off; null for infrastructure.</summary>
    public Autoscaler? AutoscalerOf(IResource resource) => (_runners[resource] as ProjectRunner)?.Autoscaler;

    /// <summary>Makes one replica's /alive fail, for the self-healing demo; false when there is no such replica.</summary>
    public bool BreakLiveness(IResource resource, string replicaName) =>
        _runners[resource] is ProjectRunner runner && runner.BreakLiveness(replicaName);

    private ProjectRunner RunningProject(IResource resource) =>
        _runners[resource] is ProjectRunner runner && _lifetimes.TryGetValue(resource, out var lifetime) && !lifetime.Run.IsCompleted
            ? runner
            : throw new InvalidOperationException($"'{resource.Name}' is not running; start it first.");

    private async Task UnderCommandGateAsync(IResource resource, Func<Task> command)
    {
        var gate = _commandGates[resource];
        await gate.WaitAsync(_running);
        try
        {
            _running.ThrowIfCancellationRequested();
            await command();
        }
        finally
        {
            gate.Release();
        }
    }

    private ResourceLifetime Launch(IResource resource)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(_running);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lifetime = new ResourceLifetime(RunResourceAsync(resource, started, stop.Token), started.Task, stop);
        _lifetimes[resource] = lifetime;
        return lifetime;
    }

    private async Task RunResourceAsync(IResource resource, TaskCompletionSource started, CancellationToken cancellationToken)
    {
        var runner = _runners[resource];
        try
        {
            await WaitForDependenciesAsync(resource, cancellationToken);
            _states.Set(resource, ResourceState.Starting);
            await runner.StartAsync(cancellationToken);
            _started[resource].TrySetResult();
            started.TrySetResult();
            _states.Set(resource, ResourceState.Running);
            await WatchAsync(resource, runner, cancellationToken);
            await RestartWhileItDiesAsync(resource, runner, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _started[resource].TrySetCanceled(cancellationToken);
        }
        catch (PrerequisiteMissingException exception)
        {
            // Nothing can run without it: say what to install, then stop everything.
            _started[resource].TrySetException(exception);
            _output.Error(exception.Message);
            _states.Set(resource, ResourceState.FailedToStart);
            await _fatal.CancelAsync();
        }
        catch (Exception exception)
        {
            _started[resource].TrySetException(exception);
            _states.Set(resource, ResourceState.FailedToStart, exception.Message);
        }
        finally
        {
            started.TrySetResult();
        }
    }

    /// <summary>
    /// A server process that died without being asked (killed, crashed) is started again on its data, as a container's
    /// restart policy would: after 1 s, doubling while it keeps dying within a minute, at most 30 s apart.
    /// </summary>
    private async Task RestartWhileItDiesAsync(IResource resource, ResourceRunner runner, CancellationToken cancellationToken)
    {
        var delay = InfrastructureRestartDelay;
        while (!cancellationToken.IsCancellationRequested && runner.Exited.IsCompleted)
        {
            _output.Error($"{resource.Name} exited unexpectedly; starting it again in {delay.TotalSeconds:0} s");
            await Task.Delay(delay, cancellationToken);
            var startedAt = DateTime.UtcNow;
            _states.Set(resource, ResourceState.Starting, "after an unexpected exit");
            await runner.StartAsync(cancellationToken);
            _states.Set(resource, ResourceState.Running);
            await WatchAsync(resource, runner, cancellationToken);
            delay = DateTime.UtcNow - startedAt > TimeSpan.FromMinutes(1)
                ? InfrastructureRestartDelay
                : TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, MaxInfrastructureRestartDelay.TotalSeconds));
        }
    }

    private async Task WaitForDependenciesAsync(IResource resource, CancellationToken cancellationToken)
    {
        // A database needs its server healthy; a project needs what it waits for healthy and what it references started.
        var mustBeHealthy = resource.GetWaitDependencies()
            .Concat(resource is IResourceWithParent child ? [child.Parent] : [])
            .Distinct()
            .ToList();
        var mustBeStarted = resource.GetReferences().Except(mustBeHealthy).ToList();
        if (mustBeHealthy.Count + mustBeStarted.Count == 0)
        {
            return;
        }

        _states.Set(resource, ResourceState.Waiting, $"for {string.Join(", ", mustBeHealthy.Concat(mustBeStarted).Select(dependency => dependency.Name))}");
        await Task.WhenAll(mustBeHealthy.Select(dependency => _states.WaitUntilHealthyAsync(dependency, cancellationToken)));
        await Task.WhenAll(mustBeStarted.Select(dependency => _started[dependency].Task.WaitAsync(cancellationToken)));
    }

    private async Task WatchAsync(IResource resource, ResourceRunner runner, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var healthy = await runner.IsHealthyAsync(cancellationToken);
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            var state = _states.Get(resource);
            if (healthy)
            {
                _states.Set(resource, ResourceState.Healthy);
            }
            else if (state is ResourceState.Healthy)
            {
                _states.Set(resource, ResourceState.Unhealthy);
            }

            var interval = _states.Get(resource) == ResourceState.Healthy ? HealthPollWhenHealthy : HealthPollUntilHealthy;
            if (await Task.WhenAny(runner.Exited, Task.Delay(interval, cancellationToken)) == runner.Exited)
            {
                _states.Set(resource, ResourceState.Exited, $"exit code {await runner.Exited}");
                return;
            }
        }
    }

    private async Task AnnounceWhenAllHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_model.Resources.Select(resource => _states.WaitUntilHealthyAsync(resource, cancellationToken)));
        }
        catch (Exception exception) when (exception is OperationCanceledException or DependencyFailedException)
        {
            return;
        }

        _output.Info("All resources are healthy");
        foreach (var (project, runner) in _runners.Where(pair => pair.Key.GetHttpEndpoint() is { IsExternal: true }))
        {
            // e.g. "Gateway: http://127.0.0.1:5000" (tests look for this line).
            _output.Info($"{CultureInfo.InvariantCulture.TextInfo.ToTitleCase(project.Name)}: {((ProjectRunner)runner).HttpUrl}");
        }
    }

    private async Task StopAllAsync()
    {
        var stops = new Dictionary<IResource, Task>();
        Task StopAfterDependentsAsync(IResource resource)
        {
            if (!stops.TryGetValue(resource, out var stop))
            {
                var dependents = _model.Resources.Where(other => other.GetDependencies().Contains(resource)).Select(StopAfterDependentsAsync).ToList();
                stop = StopAsync(resource, dependents);
                stops[resource] = stop;
            }

            return stop;
        }

        await Task.WhenAll(_model.Resources.Select(StopAfterDependentsAsync).ToList());
    }

    private async Task StopAsync(IResource resource, List<Task> dependentsStopped)
    {
        await Task.WhenAll(dependentsStopped);
        // Also for resources interrupted while starting: whatever they already spawned must go.
        var announce = _states.Get(resource) is ResourceState.Running or ResourceState.Healthy or ResourceState.Unhealthy;
        if (announce)
        {
            _states.Set(resource, ResourceState.Stopping);
        }

        try
        {
            await _runners[resource].StopAsync();
            if (announce)
            {
                _states.Set(resource, ResourceState.Exited);
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException)
        {
            _output.Error($"{resource.Name} did not stop cleanly: {exception.Message}");
        }
    }

    private ResourceRunner CreateRunner(IResource resource, Dictionary<ProjectResource, int> projectPorts) => resource switch
    {
        KafkaResource kafka => new KafkaRunner(kafka, _output),
        PostgresServerResource server => new PostgresServerRunner(server, _output),
        PostgresDatabaseResource database => new PostgresDatabaseRunner(database, _runners[database.Server]),
        RedisResource redis => new RedisRunner(redis, _output),
        ProjectResource project => new ProjectRunner(
            project,
            BalancerFor(project, projectPorts[project]),
            ReplicaPolicy.For(project, _model.Configuration),
            replica => ProjectEnvironment.Build(project, replica, _model, ConnectionStringOf, HttpUrlOf),
            Path.Combine(_model.DataDirectory, "run"),
            _output),
        _ => throw new NotSupportedException($"No runner for {resource.GetType().Name} '{resource.Name}'."),
    };

    private ReplicaBalancer BalancerFor(ProjectResource project, int port)
    {
        var balancer = new ReplicaBalancer(project.Name, port);
        _balancers.Add(balancer);
        return balancer;
    }

    private string ConnectionStringOf(IResourceWithConnectionString resource) =>
        _runners[resource].ConnectionString ?? throw new InvalidOperationException($"'{resource.Name}' has not started.");

    private string HttpUrlOf(ProjectResource project) => ((ProjectRunner)_runners[project]).HttpUrl;

    private static Dictionary<ProjectResource, int> AllocateProjectPorts(IEnumerable<ProjectResource> projects)
    {
        var ports = new Dictionary<ProjectResource, int>();
        foreach (var project in projects)
        {
            var port = project.GetHttpEndpoint()?.Port;
            while (port is null || ports.ContainsValue(port.Value))
            {
                port = FreePort.Find();
            }

            ports[project] = port.Value;
        }

        return ports;
    }

    /// <summary>One run of a resource, from waiting for its dependencies until it exits or is stopped.</summary>
    private sealed record ResourceLifetime(Task Run, Task Started, CancellationTokenSource Stop);
}
