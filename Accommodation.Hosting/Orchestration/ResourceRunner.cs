namespace Accommodation.Hosting.Orchestration;

/// <summary>Turns one resource of the model into something running; the only kind of class that starts processes.</summary>
internal abstract class ResourceRunner : IAsyncDisposable
{
    private static readonly Task<int> Never = new TaskCompletionSource<int>().Task;

    /// <summary>Set once started, for resources others reference by connection string.</summary>
    public string? ConnectionString { get; protected set; }

    /// <summary>Completes with the exit code when a child process ends; never for in-process or external resources.</summary>
    public virtual Task<int> Exited => Never;

    public abstract Task StartAsync(CancellationToken cancellationToken);

    public abstract Task<bool> IsHealthyAsync(CancellationToken cancellationToken);

    /// <summary>Stops what runs; a later <see cref="StartAsync"/> starts it again with the data it kept.</summary>
    public virtual Task StopAsync() => Task.CompletedTask;

    /// <summary>Releases what the runner holds for good, when the AppHost ends.</summary>
    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
