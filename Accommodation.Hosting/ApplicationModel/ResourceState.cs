namespace Accommodation.Hosting.ApplicationModel;

/// <summary>The closed set of states a resource goes through, logged verbatim on every change.</summary>
public enum ResourceState
{
    NotStarted,
    Waiting,
    Starting,
    Running,
    Healthy,
    Unhealthy,
    Stopping,
    Exited,
    FailedToStart,
}
