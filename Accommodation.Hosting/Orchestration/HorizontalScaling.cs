using Accommodation.Hosting.ApplicationModel;

namespace Accommodation.Hosting.Orchestration;

/// <summary>The Kubernetes HPA's arithmetic, apart from any clock or process.</summary>
internal static class HorizontalScaling
{
    /// <summary>Within 10 % of the target per replica, the replica count is left alone (the HPA's default tolerance).</summary>
    public const double Tolerance = 0.1;

    /// <summary>Replicas for this load: the larger need of in-flight requests and CPU, within min and max.</summary>
    public static int Recommend(double inFlight, double cpuPercent, AutoscaleAnnotation settings, int replicas) =>
        Math.Clamp(
            Math.Max(Need(inFlight, settings.TargetInFlight, replicas), Need(cpuPercent, settings.TargetCpuPercent, replicas)),
            settings.MinReplicas,
            settings.MaxReplicas);

    /// <summary>Scale out at once; scale in only to the highest recommendation of the cool-down window.</summary>
    public static int Target(int replicas, int recommended, IEnumerable<int> recommendationsInCooldown) =>
        recommended >= replicas ? recommended : recommendationsInCooldown.Append(recommended).Max();

    // ceil(total load / target per replica), unless the ratio to the current replicas is within the tolerance.
    private static int Need(double load, double? targetPerReplica, int replicas)
    {
        if (targetPerReplica is not { } target)
        {
            return 0;
        }

        var ratio = load / (replicas * target);
        return Math.Abs(ratio - 1) <= Tolerance ? replicas : (int)Math.Ceiling(load / target);
    }
}
