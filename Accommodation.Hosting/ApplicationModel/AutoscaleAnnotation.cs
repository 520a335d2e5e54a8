namespace Accommodation.Hosting.ApplicationModel;

/// <summary>
/// Keeps between <see cref="MinReplicas"/> and <see cref="MaxReplicas"/> replicas so that each has about
/// <see cref="TargetInFlight"/> requests in flight, or uses about <see cref="TargetCpuPercent"/> of a core (whichever
/// is set; both: the larger need wins). Scaling in waits until fewer replicas were enough for a whole
/// <see cref="ScaleInCooldown"/>, like the Kubernetes HPA's stabilization window.
/// </summary>
public sealed record AutoscaleAnnotation(
    int MinReplicas,
    int MaxReplicas,
    double? TargetInFlight = null,
    double? TargetCpuPercent = null,
    TimeSpan? ScaleInCooldown = null,
    bool Enabled = true) : IResourceAnnotation
{
    public static readonly TimeSpan DefaultScaleInCooldown = TimeSpan.FromSeconds(30);

    public TimeSpan Cooldown => ScaleInCooldown ?? DefaultScaleInCooldown;

    /// <summary>Why these settings cannot work, or null when they can.</summary>
    public string? Problem() =>
        MinReplicas < 1 ? "MinReplicas must be at least 1."
        : MaxReplicas < MinReplicas ? "MaxReplicas must not be below MinReplicas."
        : TargetInFlight is null && TargetCpuPercent is null ? "Set TargetInFlight or TargetCpuPercent."
        : TargetInFlight is <= 0 || TargetCpuPercent is <= 0 ? "Targets must be positive."
        : Cooldown < TimeSpan.Zero ? "ScaleInCooldown must not be negative."
        : null;
}
