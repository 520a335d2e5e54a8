namespace Accommodation.Hosting.Orchestration;

/// <summary>Where the AppHost probes every project, as ServiceDefaults maps them; deployments must probe the same.</summary>
public static class HealthProbePaths
{
    /// <summary>Readiness (and start-up): every dependency is reachable.</summary>
    public const string Readiness = "/health";

    /// <summary>Liveness: the process itself still answers.</summary>
    public const string Liveness = "/alive";
}
