using System.Collections.Concurrent;
using Accommodation.Hosting.ApplicationModel;

namespace Accommodation.Hosting.Orchestration;

/// <summary>The current state of every resource; logs each change and lets dependents wait for "healthy".</summary>
internal sealed class ResourceStates(ConsoleOutput output)
{
    private readonly ConcurrentDictionary<IResource, (ResourceState State, string? Detail)> _states = new();
    private readonly ConcurrentDictionary<IResource, TaskCompletionSource> _firstHealthy = new();

    public ResourceState Get(IResource resource) => _states.GetValueOrDefault(resource, (ResourceState.NotStarted, null)).State;

    /// <summary>Why the resource is in its state, e.g. "for kafka, roomdb" or "exit code 134"; null when it says nothing more.</summary>
    public string? GetDetail(IResource resource) => _states.GetValueOrDefault(resource).Detail;

    public void Set(IResource resource, ResourceState state, string? detail = null)
    {
        if (_states.TryGetValue(resource, out var previous) && previous.State == state)
        {
            return;
        }

        _states[resource] = (state, detail);
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
