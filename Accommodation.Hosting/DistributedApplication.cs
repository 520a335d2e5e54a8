using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Accommodation.Dashboard.ConsoleLogs;
using Accommodation.Hosting.Orchestration;
using Microsoft.Extensions.Configuration;

namespace Accommodation.Hosting;

/// <summary>The built application: runs every resource until Ctrl+C or SIGTERM, then stops them in order.</summary>
public sealed class DistributedApplication
{
    internal DistributedApplication(DistributedApplicationModel model) => Model = model;

    public DistributedApplicationModel Model { get; }

    private static readonly AsyncLocal<Action<DistributedApplicationModel>?> ModelCapture = new();

    // The caller is the AppHost's Program: its folder holds appsettings.json and the data folder.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static DistributedApplicationBuilder CreateBuilder(string[] args) => new(args, Assembly.GetCallingAssembly());

    public void Run()
    {
        if (ModelCapture.Value is { } capture)
        {
            capture(Model);
            return;
        }

        Environment.ExitCode = RunAsync().GetAwaiter().GetResult();
    }

    /// <summary>
    /// Runs an AppHost's Program up to Run() and returns the model it built, starting nothing:
    /// tests check the real topology, not a copy of it.
    /// </summary>
    public static DistributedApplicationModel LoadModel(Assembly appHost, params string[] args)
    {
        var entryPoint = appHost.EntryPoint ?? throw new ArgumentException($"{appHost.GetName().Name} has no Program.", nameof(appHost));
        DistributedApplicationModel? captured = null;
        ModelCapture.Value = model => captured = model;
        try
        {
            entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? [] : [args]);
        }
        finally
        {
            ModelCapture.Value = null;
        }

        return captured ?? throw new InvalidOperationException($"{appHost.GetName().Name}'s Program did not call Build().Run().");
    }

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

        var consoleLimits = Model.Configuration.GetSection(ConsoleLogLimits.SectionName).Get<ConsoleLogLimits>();
        var orchestrator = new Orchestrator(Model, new ConsoleOutput(Model.Resources.Select(resource => resource.Name), consoleLimits));
        return await orchestrator.RunAsync(stopping.Token);
    }
}
