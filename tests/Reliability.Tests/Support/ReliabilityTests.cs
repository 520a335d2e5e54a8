using Xunit.Abstractions;

namespace Reliability.Tests.Support;

/// <summary>
/// A test class of the reliability suite: a customer of its own, the AppHost API, the ledger, and the system's
/// output in the test log (what every process printed, which is what one reads first when a test fails).
/// </summary>
[Collection(ReliabilityCollection.Name)]
public abstract class ReliabilityTests(ReliabilitySystem system, ReliabilityLedger ledger, ITestOutputHelper testOutput) : IDisposable
{
    protected ReliabilitySystem Running { get; } = system;

    protected ReliabilityLedger Ledger { get; } = ledger;

    protected ITestOutputHelper TestOutput { get; } = testOutput;

    protected BookingClient Client { get; } = new(system.Gateway);

    protected AppHostResources Resources { get; } = new(system.AppHostApi);

    public void Dispose()
    {
        TestOutput.WriteLine(Running.Output);
        GC.SuppressFinalize(this);
    }
}
