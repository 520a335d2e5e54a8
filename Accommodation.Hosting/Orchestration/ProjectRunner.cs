using Accommodation.Hosting.Api;
using Accommodation.Hosting.ApplicationModel;
using Accommodation.Hosting.Networking;
using Accommodation.Hosting.Processes;
using Accommodation.Hosting.Projects;

namespace Accommodation.Hosting.Orchestration;

/// <summary>
/// Runs a service as `dotnet &lt;its dll&gt;` from its project folder, once or as replicas. One process listens on
/// the stable port itself; replicas get free ports and the <see cref="ReplicaBalancer"/> owns the stable port.
/// Healthy when GET /health answers 200 on every replica.
/// </summary>
internal sealed class ProjectRunner(
    ProjectResource resource,
    int port,
    ReplicaBalancer? balancer,
    Func<ProjectReplica, IReadOnlyDictionary<string, string>> environmentOf,
    string runDirectory,
    ConsoleOutput output) : ResourceRunner
{
    private IReadOnlyList<ProjectReplica> _replicas = [];

    /// <summary>The stable URL callers use (service discovery, the gateway line); the same across restarts.</summary>
    public string HttpUrl { get; } = $"http://127.0.0.1:{port}";

    public IReadOnlyList<ProjectReplica> Replicas => Volatile.Read(ref _replicas);

    /// <summary>Request counts only when a balancer sees the requests; a single process is called directly.</summary>
    public IReadOnlyList<ReplicaSnapshot> SnapshotReplicas() =>
    [
        .. Replicas.Select(replica => new ReplicaSnapshot(
            replica.Name,
            replica.Url,
            replica.ProcessId,
            replica.IsHealthy,
            replica.StartedAt,
            replica.NamedEndpoints,
            balancer is null ? null : replica.Requests,
            balancer is null ? null : replica.InFlight)),
    ];

    /// <summary>Completes when no replica is left running, with the last one's exit code.</summary>
    public override Task<int> Exited => Replicas.Count == 0
        ? base.Exited
        : Task.WhenAll(Replicas.Select(replica => replica.Exited)).ContinueWith(exits => exits.Result[^1], TaskScheduler.Default);

    /// <summary>The names of the processes this project runs, for the console's column width and colours.</summary>
    public static IEnumerable<string> ReplicaNames(ProjectResource resource) => resource.GetReplicaCount() == 1
        ? [resource.Name]
        : Enumerable.Range(0, resource.GetReplicaCount()).Select(index => $"{resource.Name}-{index}");

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var assembly = await ProjectAssembly.EnsureBuiltAsync(resource.Metadata, line => output.WriteLine(resource.Name, line), cancellationToken);
        await StopLeftoversAsync(Path.GetFileName(assembly));

        var replicas = ReplicaNames(resource)
            .Select(name => new ProjectReplica(
                name,
                balancer is null ? port : FreePort.Find(),
                resource.GetNamedEndpoints().ToDictionary(endpoint => endpoint.Name, _ => FreePort.Find())))
            .ToList();
        foreach (var taken in replicas.SelectMany(replica => replica.AllPorts).Where(FreePort.IsInUse))
        {
            throw new InvalidOperationException($"Port {taken} is in use; pick another with --Resources:{resource.Name}:Port=<port>.");
        }

        Directory.CreateDirectory(runDirectory);
        foreach (var replica in replicas)
        {
            var spec = new ChildProcessSpec(ProjectAssembly.DotnetHost, [assembly])
            {
                WorkingDirectory = resource.ProjectDirectory,
                Environment = environmentOf(replica),
            };
            replica.Start(spec, line => output.WriteLine(replica.Name, line));
            await File.WriteAllTextAsync(PidFileOf(replica.Name), $"{replica.ProcessId}\n", cancellationToken);
        }

        Volatile.Write(ref _replicas, replicas);
        if (balancer is not null)
        {
            balancer.Replicas = replicas;
        }
    }

    public override async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        var probes = await Task.WhenAll(Replicas.Select(replica => replica.ProbeAsync(cancellationToken)));
        return probes.Length > 0 && probes.All(healthy => healthy);
    }

    public override async Task StopAsync()
    {
        await Task.WhenAll(Replicas.Select(replica => replica.StopAsync()));
        foreach (var replica in Replicas)
        {
            File.Delete(PidFileOf(replica.Name));
        }
    }

    private bool IsReplicaName(string name) =>
        name == resource.Name || (name.StartsWith($"{resource.Name}-", StringComparison.Ordinal) && name[(resource.Name.Length + 1)..].All(char.IsAsciiDigit));

    private string PidFileOf(string replicaName) => Path.Combine(runDirectory, $"{replicaName}.pid");

    // A crashed run may have left this service's processes holding their ports, with any replica count.
    private async Task StopLeftoversAsync(string assemblyFileName)
    {
        if (!Directory.Exists(runDirectory))
        {
            return;
        }

        var pidFiles = Directory.EnumerateFiles(runDirectory, $"{resource.Name}*.pid")
            .Where(path => IsReplicaName(Path.GetFileNameWithoutExtension(path)));
        foreach (var pidFile in pidFiles.ToList())
        {
            if (ProcessTable.ReadPidFile(pidFile) is { } stalePid)
            {
                await ProcessTable.StopStaleAsync(stalePid, assemblyFileName, LibC.SigTerm, TimeSpan.FromSeconds(10));
            }

            File.Delete(pidFile);
        }
    }
}
