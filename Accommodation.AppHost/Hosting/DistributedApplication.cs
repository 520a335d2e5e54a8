using System.Runtime.InteropServices;
using Accommodation.AppHost.Hosting.Orchestration;

namespace Accommodation.AppHost.Hosting;

/// <summary>The built application: runs every resource until Ctrl+C or SIGTERM, then stops them in order.</summary>
public sealed class DistributedApplication
{
    internal DistributedApplication(DistributedApplicationModel model) => Model = model;

    public DistributedApplicationModel Model { get; }

    public static DistributedApplicationBuilder CreateBuilder(string[] args) => new(args);

    public void Run() => Environment.ExitCode = RunAsync().GetAwaiter().GetResult();

    /// <summary>Runs until <paramref name="cancellationToken"/>, Ctrl+C or SIGTERM; returns the process exit code.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void RequestStop(PosixSignalContext context)
        {
            // Keep the process alive: the orchestrator stops the children first, then Run returns.
            context.Cancel = true;
            stopping.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, RequestStop);

        var orchestrator = new Orchestrator(Model, new ConsoleOutput(Model.Resources.Select(resource => resource.Name)));
        return await orchestrator.RunAsync(stopping.Token);
    }
}
