using System.Globalization;
using Accommodation.Hosting.ApplicationModel;
using Accommodation.Hosting.Kafka;
using Accommodation.Hosting.Networking;
using Accommodation.Hosting.Postgres;
using Accommodation.Hosting.Projects;
using Accommodation.Hosting.Redis;

namespace Accommodation.Hosting.Orchestration;

/// <summary>
/// Runs the model: each resource starts once what it waits for is healthy, is watched (health, exit) while the
/// application runs, and on stop every resource stops after everything that depends on it.
/// </summary>
internal sealed class Orchestrator
{
    private static readonly TimeSpan HealthPollUntilHealthy = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan HealthPollWhenHealthy = TimeSpan.FromSeconds(5);

    private readonly DistributedApplicationModel _model;
    private readonly ConsoleOutput _output;
    private readonly ResourceStates _states;
    private readonly Dictionary<IResource, ResourceRunner> _runners = [];
    private readonly Dictionary<IResource, TaskCompletionSource> _started = [];
    private readonly CancellationTokenSource _fatal = new();

    public Orchestrator(DistributedApplicationModel model, ConsoleOutput output)
    {
        _model = model;
        _output = output;
        _states = new ResourceStates(output);
        var projectPorts = AllocateProjectPorts(model.Resources.OfType<ProjectResource>());
        foreach (var resource in model.Resources)
        {
            _runners[resource] = CreateRunner(resource, projectPorts);
            _started[resource] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public async Task<int> RunAsync(CancellationToken stoppingToken)
    {
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _fatal.Token);
        var lifetimes = _model.Resources.Select(resource => RunResourceAsync(resource, running.Token)).ToList();
        var announcement = AnnounceWhenAllHealthyAsync(running.Token);

        await Task.Delay(Timeout.Infinite, running.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        _output.Info("Stopping: services first, then infrastructure");
        await Task.WhenAll(lifetimes.Append(announcement));
        await StopAllAsync();
        _output.Info("Stopped");
        return _fatal.IsCancellationRequested ? 1 : 0;
    }

    private async Task RunResourceAsync(IResource resource, CancellationToken cancellationToken)
    {
        var runner = _runners[resource];
        try
        {
            await WaitForDependenciesAsync(resource, cancellationToken);
            _states.Set(resource, ResourceState.Starting);
            await runner.StartAsync(cancellationToken);
            _started[resource].TrySetResult();
            _states.Set(resource, ResourceState.Running);
            await WatchAsync(resource, runner, cancellationToken);
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
            projectPorts[project],
            () => ProjectEnvironment.Build(project, _model, ConnectionStringOf, HttpUrlOf),
            Path.Combine(_model.DataDirectory, "run"),
            _output),
        _ => throw new NotSupportedException($"No runner for {resource.GetType().Name} '{resource.Name}'."),
    };

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
}
