namespace Accommodation.Hosting.Orchestration;

/// <summary>Turns one resource of the model into something running; the only kind of class that starts processes.</summary>
internal abstract class ResourceRunner
{
    private static readonly Task<int> Never = new TaskCompletionSource<int>().Task;

    /// <summary>Set once started, for resources others reference by connection string.</summary>
    public string? ConnectionString { get; protected set; }

    /// <summary>Completes with the exit code when a child process ends; never for in-process or external resources.</summary>
    public virtual Task<int> Exited => Never;

    public abstract Task StartAsync(CancellationToken cancellationToken);

    public abstract Task<bool> IsHealthyAsync(CancellationToken cancellationToken);

    public virtual Task StopAsync() => Task.CompletedTask;
}
