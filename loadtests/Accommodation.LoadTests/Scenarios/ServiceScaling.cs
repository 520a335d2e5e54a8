namespace Accommodation.LoadTests.Scenarios;

/// <summary>
/// How a service was scaled when a scenario began: its autoscaling settings (on or off) and how many replicas it
/// wanted. A scenario takes this first, changes what it needs, and restores it at the end, so it leaves the system as
/// it found it.
/// </summary>
public sealed record ServiceScaling(string Service, AutoscaleSettings Autoscale, int Replicas)
{
    public static async Task<ServiceScaling> ReadAsync(AppHostApi appHost, string service, CancellationToken cancellationToken)
    {
        var resource = await appHost.GetResourceAsync(service, cancellationToken);
        var autoscale = resource.Autoscale?.Settings
            ?? throw new ScenarioException($"{service} shows no autoscaling settings; is it a service of this AppHost?");
        return new ServiceScaling(service, autoscale, resource.DesiredReplicas ?? 1);
    }

    /// <summary>Autoscaling off (its other settings kept) and, when given, exactly <paramref name="replicas"/> replicas.</summary>
    public async Task PinAsync(AppHostApi appHost, int? replicas, CancellationToken cancellationToken)
    {
        await appHost.SetAutoscaleAsync(Service, Autoscale with { Enabled = false }, cancellationToken);
        if (replicas is { } count)
        {
            await appHost.ScaleAsync(Service, count, cancellationToken);
        }
    }

    /// <summary>
    /// Back as it was: autoscaling off at the replicas it had, or autoscaling on with its settings (the autoscaler then
    /// decides the replicas). Runs to the end even after Ctrl+C.
    /// </summary>
    public async Task RestoreAsync(AppHostApi appHost)
    {
        await appHost.SetAutoscaleAsync(Service, Autoscale, CancellationToken.None);
        if (!Autoscale.Enabled)
        {
            await appHost.ScaleAsync(Service, Replicas, CancellationToken.None);
        }
    }

    public string Describe() => Autoscale.Enabled
        ? $"autoscaling {Autoscale.MinReplicas}→{Autoscale.MaxReplicas} (target {Autoscale.TargetInFlight?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–"} in flight)"
        : $"{Replicas} replica{(Replicas == 1 ? "" : "s")}, autoscaling off";
}
