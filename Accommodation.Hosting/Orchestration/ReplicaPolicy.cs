using Accommodation.Hosting.Projects;
using Microsoft.Extensions.Configuration;

namespace Accommodation.Hosting.Orchestration;

/// <summary>
/// How a project's replicas are watched and replaced, from Resources:{name}:* (defaults in brackets): Liveness:Period
/// [5 s] between /alive probes, Liveness:FailureThreshold [3] failures in a row before a restart, ReadinessTimeout
/// [2 min] for a new replica to pass /health, DrainTimeout [30 s] for an old one to finish its requests.
/// </summary>
internal sealed record ReplicaPolicy(TimeSpan LivenessPeriod, int LivenessFailureThreshold, TimeSpan ReadinessTimeout, TimeSpan DrainTimeout)
{
    public static ReplicaPolicy For(ProjectResource resource, IConfiguration configuration)
    {
        var section = configuration.GetSection($"Resources:{resource.Name}");
        return new ReplicaPolicy(
            section.GetValue("Liveness:Period", TimeSpan.FromSeconds(5)),
            section.GetValue("Liveness:FailureThreshold", 3),
            section.GetValue("ReadinessTimeout", TimeSpan.FromMinutes(2)),
            section.GetValue("DrainTimeout", TimeSpan.FromSeconds(30)));
    }
}
