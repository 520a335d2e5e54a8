namespace Reliability.Tests.Support;

/// <summary>
/// The whole system under the AppHost, as real processes, with every service's crash points armed from a folder of
/// its own (see <see cref="CrashPoint"/>). Autoscaling stays off so the faults, not the autoscaler, decide what runs.
/// </summary>
public sealed class ReliabilitySystem : RunningSystemFixture
{
    public static readonly IReadOnlyList<string> Services = ["reservation", "payment", "room", "notification", "roomview"];

    private Task<SystemProbe>? _probe;

    /// <summary>Direct access to the infrastructure (connection strings from the AppHost API), to check what the services did.</summary>
    public Task<SystemProbe> ProbeAsync() => _probe ??= SystemProbe.ConnectAsync(AppHostApi);

    public CrashPoint CrashPoint(string service, string point) => new(CrashPointsDirectory(service), service, point);

    protected override IEnumerable<string> Arguments()
    {
        foreach (var service in Services)
        {
            Directory.CreateDirectory(CrashPointsDirectory(service));
            yield return $"--Resources:{service}:Environment:Messaging__CrashPoints__Directory={CrashPointsDirectory(service)}";
            // A crashed replica is noticed and replaced within a second.
            yield return $"--Resources:{service}:Liveness:Period=00:00:01";
        }

        yield return "--Resources:payment:Autoscale:Enabled=false";
    }

    private string CrashPointsDirectory(string service) => Path.Combine(DataDirectory, "crash-points", service);
}
