using Xunit.Abstractions;

namespace AppHost.Tests.EndToEnd;

/// <summary>
/// A test class of the shared running system: a customer of its own, the AppHost API, and the system's output in the
/// test log (what every process printed, which is what one reads first when a test fails).
/// </summary>
public abstract class RunningSystemTests(RunningSystem system, ITestOutputHelper testOutput) : IDisposable
{
    protected RunningSystem Running { get; } = system;

    protected BookingClient Client { get; } = new(system);

    protected AppHostResources Resources { get; } = new(system.AppHostApi);

    protected ITestOutputHelper TestOutput { get; } = testOutput;

    public void Dispose()
    {
        TestOutput.WriteLine(Running.Output);
        GC.SuppressFinalize(this);
    }
}
