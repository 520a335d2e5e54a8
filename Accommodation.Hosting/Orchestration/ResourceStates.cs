using System.Collections.Concurrent;
using Accommodation.Hosting.ApplicationModel;

namespace Accommodation.Hosting.Orchestration;

/// <summary>The current state of every resource; logs each change and lets dependents wait for "healthy".</summary>
internal sealed class ResourceStates(ConsoleOutput output)
{
    private readonly ConcurrentDictionary<IResource, (ResourceState State, string? Detail)> _states = new();
    private readonly ConcurrentDictionary<IResource, TaskCompletionSource> _firstHealthy = new();
    private readonly ConcurrentDictionary<IResource, (DateTimeOffset At, int Starts)> _starts = new();

    public ResourceState Get(IResource resource) => _states.GetValueOrDefault(resource, (ResourceState.NotStarted, null)).State;

    /// <summary>Why the resource is in its state, e.g. "for kafka, roomdb" or "exit code 134"; null when it says nothing more.</summary>
    public string? GetDetail(IResource resource) => _states.GetValueOrDefault(resource).Detail;

    /// <summary>When the resource last began starting (its uptime counts from there), and how often it started before that.</summary>
    public (DateTimeOffset? StartedAt, int Restarts) GetStarts(IResource resource) =>
        _starts.TryGetValue(resource, out var starts) ? (starts.At, starts.Starts - 1) : (null, 0);

    public void Set(IResource resource, ResourceState state, string? detail = null)
    {
        if (_states.TryGetValue(resource, out var previous) && previous.State == state)
        {
            return;
        }

        _states[resource] = (state, detail);
        if (state == ResourceState.Starting)
        {
            _starts.AddOrUpdate(resource, _ => (DateTimeOffset.UtcNow, 1), (_, starts) => (DateTimeOffset.UtcNow, starts.Starts + 1));
        }

        output.Info(detail is null ? $"{resource.Name}: {state}" : $"{resource.Name}: {state} ({detail})");

        var healthy = FirstHealthy(resource);
        if (state == ResourceState.Healthy)
        {
            healthy.TrySetResult();
        }
        else if (state is ResourceState.FailedToStart or ResourceState.Exited)
        {
            healthy.TrySetException(new DependencyFailedException(resource, state));
        }
    }

    /// <summary>Completes once the resource has been healthy; throws <see cref="DependencyFailedException"/> if it failed first.</summary>
    public Task WaitUntilHealthyAsync(IResource resource, CancellationToken cancellationToken) =>
        FirstHealthy(resource).Task.WaitAsync(cancellationToken);

    private TaskCompletionSource FirstHealthy(IResource resource) =>
        _firstHealthy.GetOrAdd(resource, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
