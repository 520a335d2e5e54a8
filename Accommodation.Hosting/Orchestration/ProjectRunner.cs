using System.Net;
using Accommodation.Hosting.Networking;
using Accommodation.Hosting.Processes;
using Accommodation.Hosting.Projects;

namespace Accommodation.Hosting.Orchestration;

/// <summary>Runs a service as `dotnet &lt;its dll&gt;` from its project folder; healthy when GET /health answers 200.</summary>
internal sealed class ProjectRunner(
    ProjectResource resource,
    int port,
    Func<IReadOnlyDictionary<string, string>> environment,
    string runDirectory,
    ConsoleOutput output) : ResourceRunner
{
    private static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(10);
    private static readonly HttpClient HealthClient = new() { Timeout = TimeSpan.FromSeconds(2) };

    private ChildProcess? _process;

    public string HttpUrl { get; } = $"http://127.0.0.1:{port}";

    public override Task<int> Exited => _process?.Exited ?? base.Exited;

    private string PidFile => Path.Combine(runDirectory, $"{resource.Name}.pid");

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var assembly = await ProjectAssembly.EnsureBuiltAsync(resource.Metadata, line => output.WriteLine(resource.Name, line), cancellationToken);

        // A service from a crashed run may still hold its port.
        if (ProcessTable.ReadPidFile(PidFile) is { } stalePid)
        {
            await ProcessTable.StopStaleAsync(stalePid, Path.GetFileName(assembly), LibC.SigTerm, StopGracePeriod);
        }

        if (FreePort.IsInUse(port))
        {
            throw new InvalidOperationException($"Port {port} is in use; pick another with --Resources:{resource.Name}:Port=<port>.");
        }

        var spec = new ChildProcessSpec(ProjectAssembly.DotnetHost, [assembly])
        {
            WorkingDirectory = resource.ProjectDirectory,
            Environment = environment(),
        };
        _process = ChildProcess.Start(spec, line => output.WriteLine(resource.Name, line));
        Directory.CreateDirectory(runDirectory);
        await File.WriteAllTextAsync(PidFile, $"{_process.Id}\n", cancellationToken);
    }

    public override async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await HealthClient.GetAsync($"{HttpUrl}/health", cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public override async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(StopGracePeriod);
            File.Delete(PidFile);
        }
    }
}
