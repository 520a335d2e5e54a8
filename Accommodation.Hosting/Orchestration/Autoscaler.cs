using System.Globalization;
using Accommodation.Hosting.ApplicationModel;
using Accommodation.Hosting.Processes;

namespace Accommodation.Hosting.Orchestration;

/// <summary>What the autoscaler last measured and would like, for the AppHost API.</summary>
public sealed record AutoscaleReading(double InFlight, double CpuPercent, int Recommended, DateTimeOffset At);

/// <summary>
/// The Kubernetes HPA's rule, in-process: every second, replicas = ceil(load / target per replica), within min and max,
/// left alone within 10 % of the target; scaling out at once, scaling in only to the highest recommendation of the
/// last cool-down window. Load is the requests in flight at the balancer (sampled ten times a second) or CPU time.
/// </summary>
internal sealed class Autoscaler(string resourceName, AutoscaleAnnotation settings, ConsoleOutput output)
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);
    private const int SamplesPerDecision = 10;

    private readonly Queue<(DateTimeOffset At, int Replicas)> _recommendations = new();
    private readonly Dictionary<int, (DateTimeOffset At, double CpuSeconds)> _cpuSeen = [];
    private AutoscaleAnnotation _settings = settings;
    private AutoscaleReading? _lastReading;

    public AutoscaleAnnotation Settings
    {
        get => Volatile.Read(ref _settings);
        set => Volatile.Write(ref _settings, value);
    }

    public AutoscaleReading? LastReading => Volatile.Read(ref _lastReading);

    public async Task RunAsync(ProjectRunner runner, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                double inFlightSum = 0;
                for (var sample = 0; sample < SamplesPerDecision; sample++)
                {
                    await Task.Delay(SampleInterval, cancellationToken);
                    inFlightSum += ReadyReplicas(runner).Sum(replica => replica.InFlight);
                }

                if (Settings is { Enabled: true } current)
                {
                    await DecideAsync(runner, current, inFlightSum / SamplesPerDecision, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task DecideAsync(ProjectRunner runner, AutoscaleAnnotation settings, double inFlight, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var replicas = runner.DesiredReplicas;
        var cpuPercent = ReadCpuPercent(runner, now);
        var recommended = HorizontalScaling.Recommend(inFlight, cpuPercent, settings, replicas);
        Volatile.Write(ref _lastReading, new AutoscaleReading(inFlight, cpuPercent, recommended, now));

        _recommendations.Enqueue((now, recommended));
        while (_recommendations.Peek().At < now - settings.Cooldown)
        {
            _recommendations.Dequeue();
        }

        var target = HorizontalScaling.Target(replicas, recommended, _recommendations.Select(entry => entry.Replicas));
        if (target != replicas)
        {
            output.Info(string.Create(CultureInfo.InvariantCulture,
                $"{resourceName}: autoscaling {replicas} → {target} replicas ({inFlight:0.#} requests in flight, {cpuPercent:0}% CPU)"));
            await runner.ScaleAsync(target, cancellationToken);
        }
    }

    // CPU time of the ready replicas since the last reading, as a percentage of one core (like Kubernetes' millicores).
    private double ReadCpuPercent(ProjectRunner runner, DateTimeOffset now)
    {
        double percent = 0;
        foreach (var replica in ReadyReplicas(runner))
        {
            if (replica.ProcessId is not { } pid || ProcessCpu.ReadSeconds(pid) is not { } cpuSeconds)
            {
                continue;
            }

            if (_cpuSeen.TryGetValue(pid, out var seen) && now > seen.At)
            {
                percent += (cpuSeconds - seen.CpuSeconds) / (now - seen.At).TotalSeconds * 100;
            }

            _cpuSeen[pid] = (now, cpuSeconds);
        }

        return percent;
    }

    private static IEnumerable<ProjectReplica> ReadyReplicas(ProjectRunner runner) => runner.Replicas.Where(replica => replica.State == ReplicaState.Ready);
}
